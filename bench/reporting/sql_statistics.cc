#include "bench/reporting/sql_statistics.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/reporting/sql_read_model.h"
#include "cppconn/resultset.h"
#include "cppconn/statement.h"
#include "services/inspection/domain/model.h"

namespace dangbo::reporting::bench {
namespace {

using inspection::AppealOutcome;
using inspection::ConductingBody;
using inspection::DisciplineForm;
using inspection::InspectionStage;
using inspection::InspectionType;
using inspection::SubjectKind;
using inspection::SubjectOutcome;
using F = FigureId;

// Enum values as the tables store them.
std::string N(auto value) { return absl::StrCat(static_cast<int>(value)); }

// A figure and the SQL condition a row must meet to count in it.
struct Condition {
  FigureId figure;
  std::string sql;
};

struct Section {
  std::vector<Condition> conditions;
  std::string subject;  // the distinct subject, as COUNT(DISTINCT ...) arguments after the IF
  std::string subject_kind;
  std::string from_where;
};

// Committees' thematic inspections and supervisions: five figures from `first` on.
void CommitteeConditions(FigureId first, InspectionType type, std::vector<Condition>& out) {
  const std::string base =
      absl::StrCat("s.type = ", N(type), " AND s.body IN (", N(ConductingBody::kExecutiveCommittee),
                   ",", N(ConductingBody::kStandingCommittee), ",", N(ConductingBody::kCell), ")");
  const std::string organization =
      absl::StrCat(base, " AND s.subject_kind = ", N(SubjectKind::kOrganization));
  const std::string member = absl::StrCat(base, " AND s.subject_kind = ", N(SubjectKind::kMember));
  const std::string shortcomings = absl::StrCat(" AND s.outcome = ", N(SubjectOutcome::kShortcomings));
  const int f = static_cast<int>(first);
  out.push_back({static_cast<F>(f), organization});
  out.push_back({static_cast<F>(f + 1), member});
  out.push_back({static_cast<F>(f + 2), member + " AND s.committee_member = 1"});
  out.push_back({static_cast<F>(f + 3), organization + shortcomings});
  out.push_back({static_cast<F>(f + 4), member + shortcomings});
}

std::vector<Condition> InspectionConditions() {
  std::vector<Condition> c;
  CommitteeConditions(F::kCommitteeThematicInspectionOrganizations,
                      InspectionType::kThematicInspection, c);
  CommitteeConditions(F::kCommitteeThematicSupervisionOrganizations,
                      InspectionType::kThematicSupervision, c);
  const std::string ubkt = absl::StrCat("s.body = ", N(ConductingBody::kInspectionCommittee));
  const std::string violation_signs =
      absl::StrCat(ubkt, " AND s.type = ", N(InspectionType::kViolationSignsInspection));
  const std::string organization = absl::StrCat(" AND s.subject_kind = ", N(SubjectKind::kOrganization));
  const std::string member = absl::StrCat(" AND s.subject_kind = ", N(SubjectKind::kMember));
  const std::string violation =
      absl::StrCat(" AND s.outcome IN (", N(SubjectOutcome::kViolation), ",",
                   N(SubjectOutcome::kViolationRequiresDiscipline), ")");
  const std::string to_discipline =
      absl::StrCat(" AND s.outcome = ", N(SubjectOutcome::kViolationRequiresDiscipline));
  c.push_back({F::kUbktViolationSignsOrganizations, violation_signs + organization});
  c.push_back({F::kUbktViolationSignsMembers, violation_signs + member});
  c.push_back({F::kUbktViolationSignsCommitteeMembers,
               violation_signs + member + " AND s.committee_member = 1"});
  c.push_back({F::kUbktViolationSignsOrganizationsViolation,
               violation_signs + organization + violation});
  c.push_back({F::kUbktViolationSignsMembersViolation, violation_signs + member + violation});
  c.push_back({F::kUbktViolationSignsOrganizationsToDiscipline,
               violation_signs + organization + to_discipline});
  c.push_back(
      {F::kUbktViolationSignsMembersToDiscipline, violation_signs + member + to_discipline});
  for (auto [figure, type] : {std::pair{F::kUbktInspectionDutyOrganizations,
                                        InspectionType::kInspectionDutyInspection},
                              std::pair{F::kUbktDisciplineExecutionOrganizations,
                                        InspectionType::kDisciplineExecutionInspection},
                              std::pair{F::kUbktFinanceOrganizations,
                                        InspectionType::kFinanceInspection},
                              std::pair{F::kUbktDuesOrganizations, InspectionType::kDuesInspection}}) {
    c.push_back({figure, absl::StrCat(ubkt, " AND s.type = ", N(type), organization)});
  }
  return c;
}

// "Inside the scope on the record's day": one closure row of the scope covering that day.
std::string InScope(const std::string& organization, const std::string& day, int64_t scope_id) {
  return absl::StrCat("organization_closure c JOIN ", "%TABLE% ON ", organization,
                      " = c.descendant_id AND ", day, " >= c.valid_from AND ", day,
                      " < c.valid_to WHERE c.ancestor_id = ", scope_id);
}

std::string Join(std::string in_scope, const std::string& table) {
  in_scope.replace(in_scope.find("%TABLE%"), 7, table);
  return in_scope;
}

std::vector<Section> Sections(int64_t scope_id, const DateRange& range) {
  const std::string first = SqlDate(ToDayNumber(range.first));
  const std::string last = SqlDate(ToDayNumber(range.last));
  std::vector<Section> sections;

  // Subjects of inspections decided in the period: stage DECIDED up to CLOSED, not CANCELLED.
  sections.push_back(
      {.conditions = InspectionConditions(),
       .subject = "s.subject_id",
       .subject_kind = "s.subject_kind",
       .from_where = absl::StrCat(
           Join(InScope("s.organization_at_decision", "s.decision_date", scope_id),
                "inspection_subjects s"),
           " AND s.decision_date BETWEEN ", first, " AND ", last, " AND s.stage BETWEEN ",
           N(InspectionStage::kDecided), " AND ", N(InspectionStage::kClosed))});

  // Decisions decided in the period, in force at its end, by the form standing then: an
  // annulment resolved by then ends a decision; otherwise the latest reduction or increase
  // resolved by then (on one day, the later appeal) gives the form.
  {
    const std::string org = N(SubjectKind::kOrganization);
    const std::string mem = N(SubjectKind::kMember);
    const auto form = [](DisciplineForm f) { return absl::StrCat(" AND x.form = ", N(f)); };
    std::vector<Condition> c = {
        {F::kDisciplineOrganizationsTotal, "x.subject_kind = " + org},
        {F::kDisciplineOrganizationsReprimand,
         "x.subject_kind = " + org + form(DisciplineForm::kReprimand)},
        {F::kDisciplineOrganizationsWarning,
         "x.subject_kind = " + org + form(DisciplineForm::kWarning)},
        {F::kDisciplineOrganizationsDissolution,
         "x.subject_kind = " + org + form(DisciplineForm::kDissolution)},
        {F::kDisciplineMembersTotal, "x.subject_kind = " + mem},
        {F::kDisciplineMembersReprimand,
         "x.subject_kind = " + mem + form(DisciplineForm::kReprimand)},
        {F::kDisciplineMembersWarning, "x.subject_kind = " + mem + form(DisciplineForm::kWarning)},
        {F::kDisciplineMembersRemovalFromPost,
         "x.subject_kind = " + mem + form(DisciplineForm::kRemovalFromPost)},
        {F::kDisciplineMembersExpulsion,
         "x.subject_kind = " + mem + form(DisciplineForm::kExpulsion)},
    };
    const std::string in_force = absl::StrCat(
        "(SELECT d.subject_kind, d.subject_id, COALESCE((SELECT a.new_form FROM appeals a "
        "WHERE a.decision_id = d.decision_id AND a.outcome IN (",
        N(AppealOutcome::kReduced), ",", N(AppealOutcome::kIncreased), ") AND a.resolved_date <= ",
        last, " ORDER BY a.resolved_date DESC, a.appeal_id DESC LIMIT 1), d.form) AS form FROM ",
        Join(InScope("d.deciding_organization_id", "d.decision_date", scope_id),
             "disciplinary_decisions d"),
        " AND d.decision_date BETWEEN ", first, " AND ", last,
        " AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.decision_id = d.decision_id AND "
        "a.outcome = ",
        N(AppealOutcome::kAnnulled), " AND a.resolved_date <= ", last, ")) x");
    sections.push_back({.conditions = std::move(c),
                        .subject = "x.subject_id",
                        .subject_kind = "x.subject_kind",
                        .from_where = in_force});
  }

  // Appeals received: filed in the period, by a resolving organization inside the scope then.
  sections.push_back(
      {.conditions = {{F::kUbktAppealsReceived, "TRUE"}},
       .subject = "d.subject_id",
       .subject_kind = "d.subject_kind",
       .from_where = absl::StrCat(
           Join(InScope("a.resolving_organization_id", "a.filed_date", scope_id),
                "appeals a JOIN disciplinary_decisions d ON d.decision_id = a.decision_id"),
           " AND a.filed_date BETWEEN ", first, " AND ", last)});

  // Appeals resolved in the period, by outcome, inside the scope on the resolution's day.
  {
    const auto outcome = [](AppealOutcome o) { return absl::StrCat("a.outcome = ", N(o)); };
    sections.push_back(
        {.conditions = {{F::kUbktAppealsResolved, "TRUE"},
                        {F::kUbktAppealsUpheld, outcome(AppealOutcome::kUpheld)},
                        {F::kUbktAppealsReduced, outcome(AppealOutcome::kReduced)},
                        {F::kUbktAppealsIncreased, outcome(AppealOutcome::kIncreased)},
                        {F::kUbktAppealsAnnulled, outcome(AppealOutcome::kAnnulled)}},
         .subject = "d.subject_id",
         .subject_kind = "d.subject_kind",
         .from_where = absl::StrCat(
             Join(InScope("a.resolving_organization_id", "a.resolved_date", scope_id),
                  "appeals a JOIN disciplinary_decisions d ON d.decision_id = a.decision_id"),
             " AND a.resolved_date BETWEEN ", first, " AND ", last, " AND a.outcome IN (",
             N(AppealOutcome::kUpheld), ",", N(AppealOutcome::kReduced), ",",
             N(AppealOutcome::kIncreased), ",", N(AppealOutcome::kAnnulled), ")")});
  }
  return sections;
}

std::string QueryOf(const Section& section) {
  std::string select = "SELECT SQL_NO_CACHE ";
  for (size_t i = 0; i < section.conditions.size(); ++i) {
    const std::string& cond = section.conditions[i].sql;
    // A subject is its kind and id together: an organization and a member may share an id.
    absl::StrAppend(&select, i > 0 ? ",\n  " : "", "COUNT(DISTINCT IF(", cond, ", ",
                    section.subject_kind, ", NULL), ", section.subject, "), COUNT(IF(", cond,
                    ", 1, NULL))");
  }
  return absl::StrCat(select, "\nFROM ", section.from_where);
}

}  // namespace

std::vector<std::string> StatisticsQueries(int64_t scope_id, const DateRange& range) {
  std::vector<std::string> queries;
  for (const Section& s : Sections(scope_id, range)) queries.push_back(QueryOf(s));
  return queries;
}

FigureCounts ComputeSqlStatistics(db::Session& session, int64_t scope_id,
                                  const DateRange& range) {
  FigureCounts counts{};
  for (const Section& section : Sections(scope_id, range)) {
    std::unique_ptr<sql::ResultSet> rs(session.PlainStatement().executeQuery(QueryOf(section)));
    while (rs->next()) {
      for (size_t i = 0; i < section.conditions.size(); ++i) {
        FigureCount& c = counts[static_cast<int>(section.conditions[i].figure)];
        c.distinct = rs->getInt64(static_cast<uint32_t>(2 * i + 1));
        c.occurrences = rs->getInt64(static_cast<uint32_t>(2 * i + 2));
      }
    }
  }
  return counts;
}

}  // namespace dangbo::reporting::bench
