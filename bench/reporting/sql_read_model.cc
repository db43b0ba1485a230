#include "bench/reporting/sql_read_model.h"

#include <cstdio>
#include <memory>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "cppconn/resultset.h"

namespace dangbo::reporting::bench {
namespace {

constexpr std::string_view kTables[] = {
    R"sql(CREATE TABLE organization_versions (
  organization_id BIGINT NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  parent_id BIGINT NULL,
  kind TINYINT NOT NULL,
  PRIMARY KEY (organization_id, valid_from)
) ENGINE=InnoDB)sql",
    // valid_to is never NULL here ('9999-12-31' while it stands) so that it can be compared
    // inside an index.
    R"sql(CREATE TABLE organization_closure (
  ancestor_id BIGINT NOT NULL,
  descendant_id BIGINT NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id, valid_from)
) ENGINE=InnoDB)sql",
    R"sql(CREATE TABLE inspection_subjects (
  inspection_id BIGINT NOT NULL,
  position SMALLINT NOT NULL,
  type TINYINT NOT NULL,
  body TINYINT NOT NULL,
  stage TINYINT NOT NULL,
  subject_kind TINYINT NOT NULL,
  subject_id BIGINT NOT NULL,
  committee_member TINYINT NOT NULL,
  outcome TINYINT NOT NULL,
  organization_at_decision BIGINT NOT NULL,
  decision_date DATE NULL,
  PRIMARY KEY (inspection_id, position)
) ENGINE=InnoDB)sql",
    R"sql(CREATE TABLE disciplinary_decisions (
  decision_id BIGINT NOT NULL PRIMARY KEY,
  subject_kind TINYINT NOT NULL,
  subject_id BIGINT NOT NULL,
  subject_organization_id BIGINT NOT NULL,
  deciding_organization_id BIGINT NOT NULL,
  form TINYINT NOT NULL,
  decision_date DATE NOT NULL
) ENGINE=InnoDB)sql",
    R"sql(CREATE TABLE appeals (
  appeal_id BIGINT NOT NULL PRIMARY KEY,
  decision_id BIGINT NOT NULL,
  resolving_organization_id BIGINT NOT NULL,
  filed_date DATE NOT NULL,
  resolved_date DATE NULL,
  outcome TINYINT NOT NULL,
  new_form TINYINT NOT NULL
) ENGINE=InnoDB)sql",
};

// Built after the load (a sorted build is much faster than row-by-row maintenance). Each
// statistics query reads one of these without touching the clustered rows: by day for the
// whole tree, by organization then day for a subtree joined through the closure.
constexpr std::string_view kIndexes[] = {
    "ALTER TABLE organization_versions ADD KEY by_parent (parent_id, valid_from)",
    "ALTER TABLE organization_closure ADD KEY by_descendant "
    "(descendant_id, ancestor_id, valid_from, valid_to)",
    "ALTER TABLE inspection_subjects "
    "ADD KEY by_day (decision_date, organization_at_decision, stage, type, body, subject_kind, "
    "committee_member, outcome, subject_id), "
    "ADD KEY by_organization (organization_at_decision, decision_date, stage, type, body, "
    "subject_kind, committee_member, outcome, subject_id)",
    "ALTER TABLE disciplinary_decisions "
    "ADD KEY by_day (decision_date, deciding_organization_id, subject_kind, subject_id, form), "
    "ADD KEY by_organization (deciding_organization_id, decision_date, subject_kind, "
    "subject_id, form)",
    "ALTER TABLE appeals "
    "ADD KEY by_decision (decision_id, outcome, resolved_date, appeal_id, new_form), "
    "ADD KEY by_filed (filed_date, resolving_organization_id, decision_id), "
    "ADD KEY by_resolved (resolved_date, resolving_organization_id, outcome, decision_id), "
    "ADD KEY by_organization_filed (resolving_organization_id, filed_date, decision_id), "
    "ADD KEY by_organization_resolved (resolving_organization_id, resolved_date, outcome, "
    "decision_id)",
};

constexpr size_t kRowsPerInsert = 5000;

int8_t Code(auto value) { return static_cast<int8_t>(value); }

// Sends `rows` as INSERTs of kRowsPerInsert rows, one transaction each.
template <typename Row, typename Format>
absl::Status Insert(db::Pool& pool, std::string_view head, const std::vector<Row>& rows,
                    Format format) {
  for (size_t begin = 0; begin < rows.size(); begin += kRowsPerInsert) {
    const size_t end = std::min(rows.size(), begin + kRowsPerInsert);
    std::string sql(head);
    sql += " VALUES ";
    for (size_t i = begin; i < end; ++i) {
      if (i > begin) sql += ',';
      sql += '(';
      format(rows[i], sql);
      sql += ')';
    }
    absl::Status status = pool.InTransaction([&](db::Session& session) {
      session.Execute(sql);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

std::string SqlDate(DayNumber day) {
  if (day == kNoDate) return "NULL";
  if (day == kOpenEnd) return "'9999-12-31'";
  const absl::CivilDay d = FromDayNumber(day);
  char text[48];
  std::snprintf(text, sizeof text, "'%04d-%02d-%02d'", static_cast<int>(d.year()), d.month(),
                d.day());
  return text;
}

void SqlReadModel::AddInspection(const inspection::Inspection& in) {
  const DayNumber decided = in.decision.date ? ToDayNumber(*in.decision.date) : kNoDate;
  for (size_t k = 0; k < in.subjects.size(); ++k) {
    const inspection::InspectionSubject& s = in.subjects[k];
    subjects_.push_back({.inspection_id = in.id,
                         .subject_id = s.subject.id,
                         .organization_at_decision = s.organization_id_at_decision,
                         .decision_date = decided,
                         .position = static_cast<int16_t>(k),
                         .subject_kind = Code(s.subject.kind),
                         .type = Code(in.type),
                         .body = Code(in.conducting_body),
                         .stage = Code(in.stage),
                         .committee_member = static_cast<int8_t>(s.committee_member ? 1 : 0),
                         .outcome = Code(s.outcome)});
  }
}

void SqlReadModel::AddDecision(const inspection::DisciplinaryDecision& d) {
  decisions_.push_back({.decision_id = d.id,
                        .subject_id = d.subject.id,
                        .subject_organization_id = d.subject_organization_id,
                        .deciding_organization_id = d.deciding_organization_id,
                        .decision_date = ToDayNumber(d.decision_date),
                        .subject_kind = Code(d.subject.kind),
                        .form = Code(d.form)});
}

void SqlReadModel::AddAppeal(const inspection::Appeal& a) {
  appeals_.push_back(
      {.appeal_id = a.id,
       .decision_id = a.decision_id,
       .resolving_organization_id = a.resolving_organization_id,
       .filed_date = ToDayNumber(a.filed_date),
       .resolved_date = a.resolution ? ToDayNumber(a.resolution->date) : kNoDate,
       .outcome = a.resolution ? Code(a.resolution->outcome) : int8_t{0},
       .new_form = a.resolution ? Code(a.resolution->new_form) : int8_t{0}});
}

absl::Status SqlReadModel::Load(db::Pool& pool) {
  absl::StatusOr<std::vector<ClosureRow>> closure = BuildClosure(versions_);
  if (!closure.ok()) return closure.status();
  closure_ = *std::move(closure);

  absl::Status status = pool.WithSession([](db::Session& session) {
    for (const char* table : {"organization_versions", "organization_closure",
                              "inspection_subjects", "disciplinary_decisions", "appeals"}) {
      session.Execute(absl::StrCat("DROP TABLE IF EXISTS ", table));
    }
    for (std::string_view ddl : kTables) session.Execute(std::string(ddl));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  status = Insert(pool, "INSERT INTO organization_versions", versions_,
                  [](const OrganizationVersion& v, std::string& sql) {
                    absl::StrAppend(
                        &sql, v.organization_id, ",", SqlDate(ToDayNumber(v.valid_from)), ",",
                        v.valid_to ? SqlDate(ToDayNumber(*v.valid_to)) : "NULL", ",",
                        v.parent_id ? absl::StrCat(*v.parent_id) : "NULL", ",",
                        static_cast<int>(v.kind));
                  });
  if (!status.ok()) return status;
  status = Insert(pool, "INSERT INTO organization_closure", closure_,
                  [](const ClosureRow& r, std::string& sql) {
                    absl::StrAppend(&sql, r.ancestor_id, ",", r.descendant_id, ",",
                                    SqlDate(r.valid_from), ",", SqlDate(r.valid_to));
                  });
  if (!status.ok()) return status;
  status = Insert(
      pool,
      "INSERT INTO inspection_subjects (inspection_id, position, type, body, stage, subject_kind, "
      "subject_id, committee_member, outcome, organization_at_decision, decision_date)",
      subjects_, [](const SubjectSqlRow& r, std::string& sql) {
        absl::StrAppend(&sql, r.inspection_id, ",", r.position, ",", +r.type, ",", +r.body, ",",
                        +r.stage, ",", +r.subject_kind, ",", r.subject_id, ",", +r.committee_member,
                        ",", +r.outcome, ",", r.organization_at_decision, ",",
                        SqlDate(r.decision_date));
      });
  if (!status.ok()) return status;
  status = Insert(pool,
                  "INSERT INTO disciplinary_decisions (decision_id, subject_kind, subject_id, "
                  "subject_organization_id, deciding_organization_id, form, decision_date)",
                  decisions_, [](const DecisionSqlRow& r, std::string& sql) {
                    absl::StrAppend(&sql, r.decision_id, ",", +r.subject_kind, ",", r.subject_id,
                                    ",", r.subject_organization_id, ",",
                                    r.deciding_organization_id, ",", +r.form, ",",
                                    SqlDate(r.decision_date));
                  });
  if (!status.ok()) return status;
  status = Insert(pool,
                  "INSERT INTO appeals (appeal_id, decision_id, resolving_organization_id, "
                  "filed_date, resolved_date, outcome, new_form)",
                  appeals_, [](const AppealSqlRow& r, std::string& sql) {
                    absl::StrAppend(&sql, r.appeal_id, ",", r.decision_id, ",",
                                    r.resolving_organization_id, ",", SqlDate(r.filed_date), ",",
                                    SqlDate(r.resolved_date), ",", +r.outcome, ",", +r.new_form);
                  });
  if (!status.ok()) return status;

  return pool.WithSession([](db::Session& session) {
    for (std::string_view ddl : kIndexes) session.Execute(std::string(ddl));
    // ANALYZE answers with a result set, read to the end before the next statement.
    std::unique_ptr<sql::ResultSet> analyzed(session.PlainStatement().executeQuery(
        "ANALYZE TABLE organization_versions, organization_closure, inspection_subjects, "
        "disciplinary_decisions, appeals"));
    while (analyzed->next()) {
    }
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting::bench
