// ImportInspectionWork: past inspection work brought in from an earlier system, one
// transaction per received message, idempotent on each record's source key.
//
// A record is checked as the single-record RPCs check each step (imported_work.h,
// CheckDisciplinaryDecision), against the rules in force at its own dates; the organizations
// and members it names are looked up in membership once per message. What membership knew on
// the decision date (a subject's organization, a member's standing) may come with the record:
// membership answers only for today.
#include <algorithm>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"
#include "services/inspection/domain/discipline_rules.h"
#include "services/inspection/domain/imported_work.h"

namespace dangbo::inspection {
namespace {

using auth::Action;

constexpr int kMaxRecordsPerMessage = 500;
constexpr int kMaxListedErrors = 1000;
constexpr size_t kMaxSourceKey = 200;

struct ImportedDecisionRecord {
  std::string field;  // "disciplinary_decisions[j]"
  DisciplinaryDecision decision;
  std::vector<Appeal> appeals;
};

// One record as mapped from the wire, then completed from membership and checked.
struct ImportedRecord {
  int64_t number = 0;  // 1-based in the whole stream
  std::string source_key;
  std::optional<Inspection> inspection;
  std::vector<ImportedDecisionRecord> decisions;
};

// The wire record in domain values; INVALID_ARGUMENT names the field.
absl::StatusOr<ImportedRecord> RecordFromProto(const v1::InspectionWorkRecord& in) {
  ImportedRecord out;
  DANGBO_RETURN_IF_ERROR(
      status::ValidateText("source_key", in.source_key(), kMaxSourceKey, /*required=*/true));
  out.source_key = in.source_key();
  if (in.has_inspection()) {
    DANGBO_ASSIGN_OR_RETURN(Inspection inspection,
                            ImportedInspectionFromProto("inspection", in.inspection()));
    if (inspection.conducting_organization_id == 0) {
      return status::InvalidField("inspection.conducting_organization", "required");
    }
    if (inspection.programme_id) {
      return status::InvalidField("inspection.programme",
                                  "an imported inspection carries out no programme item");
    }
    out.inspection = std::move(inspection);
  } else if (in.disciplinary_decisions().empty()) {
    return status::InvalidField("inspection", "a record holds an inspection or a decision");
  }
  for (int j = 0; j < in.disciplinary_decisions_size(); ++j) {
    const v1::ImportedDecision& d = in.disciplinary_decisions(j);
    ImportedDecisionRecord record{.field = absl::StrCat("disciplinary_decisions[", j, "]")};
    const std::string decision_field = absl::StrCat(record.field, ".disciplinary_decision");
    DANGBO_ASSIGN_OR_RETURN(record.decision,
                            ImportedDecisionFromProto(decision_field, d.disciplinary_decision()));
    if (out.inspection && record.decision.source_inspection_id) {
      return status::InvalidField(decision_field + ".source_inspection",
                                  "leave it empty: the record's inspection is the source");
    }
    for (int k = 0; k < d.appeals_size(); ++k) {
      DANGBO_ASSIGN_OR_RETURN(
          Appeal appeal,
          ImportedAppealFromProto(absl::StrCat(record.field, ".appeals[", k, "]"), d.appeals(k)));
      record.appeals.push_back(std::move(appeal));
    }
    out.decisions.push_back(std::move(record));
  }
  return out;
}

// What membership answered for the ids of one message's records.
struct Directory {
  absl::flat_hash_map<int64_t, OrganizationInfo> organizations;
  absl::flat_hash_map<int64_t, MemberInfo> members;
};

void CollectIds(const ImportedRecord& r, std::vector<int64_t>& organizations,
                std::vector<int64_t>& members) {
  auto subject = [&](const SubjectRef& s) {
    (s.kind == SubjectKind::kMember ? members : organizations).push_back(s.id);
  };
  if (r.inspection) {
    organizations.push_back(r.inspection->conducting_organization_id);
    for (const InspectionSubject& s : r.inspection->subjects) {
      subject(s.subject);
      if (s.organization_id_at_decision != 0)
        organizations.push_back(s.organization_id_at_decision);
    }
    for (const TeamMember& m : r.inspection->team) members.push_back(m.member_id);
  }
  for (const ImportedDecisionRecord& d : r.decisions) {
    subject(d.decision.subject);
    organizations.push_back(d.decision.deciding_organization_id);
    if (d.decision.subject_organization_id != 0) {
      organizations.push_back(d.decision.subject_organization_id);
    }
    for (const Appeal& a : d.appeals) organizations.push_back(a.resolving_organization_id);
  }
}

// Sorted and without repeats, as the directory wants them.
std::vector<int64_t> Distinct(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

grpc::Status InspectionServiceImpl::ImportInspectionWork(
    grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportInspectionWorkRequest>* reader,
    v1::ImportInspectionWorkResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    std::string request_id;
    bool dry_run = false;
    int batch = 0;
    int64_t record_number = 0;
    absl::flat_hash_set<std::string> seen_keys;
    // Violation dates of the subjects disciplined earlier in this stream: they restart the
    // limitation clock like the stored ones, which the store cannot show before the commit.
    absl::flat_hash_map<std::pair<int, int64_t>, std::vector<Date>> streamed_violations;

    // A message's refused records, listed in record order once the message is checked.
    struct Refused {
      int64_t number;
      std::string source_key;
      absl::Status error;
    };
    auto add_error = [&](const Refused& r) {
      resp->set_error_count(resp->error_count() + 1);
      if (resp->errors_size() >= kMaxListedErrors) return;
      v1::ImportRecordError* e = resp->add_errors();
      e->set_record_number(r.number);
      e->set_source_key(r.source_key);
      const std::string text(r.error.message());
      e->set_field(std::string(status::FieldNamedBy(text)));
      e->set_message(text);
    };

    // Completes one record from membership's answers and checks it, as the single-record RPCs
    // would have on each step.
    auto check = [&](ImportedRecord& r, const Directory& dir) -> absl::Status {
      auto organization = [&](std::string_view field,
                              int64_t id) -> absl::StatusOr<const OrganizationInfo*> {
        auto it = dir.organizations.find(id);
        if (it == dir.organizations.end()) {
          return status::Prefixed(
              field, status::NotFound("organization", api::ResourceName(kOrganizations, id)));
        }
        DANGBO_RETURN_IF_ERROR(status::Prefixed(
            field, auth::Authorize(principal, Action::kWriteInspection, it->second.path)));
        return &it->second;
      };
      auto member = [&](std::string_view field, int64_t id) -> absl::StatusOr<const MemberInfo*> {
        auto it = dir.members.find(id);
        if (it == dir.members.end()) {
          return status::Prefixed(field,
                                  status::NotFound("member", api::ResourceName(kMembers, id)));
        }
        return &it->second;
      };
      // The organization a subject is counted under, and its place in the tree.
      auto place = [&](std::string_view field, const SubjectRef& subject,
                       int64_t given) -> absl::StatusOr<const OrganizationInfo*> {
        const std::string subject_field = absl::StrCat(ToAbsl(field), ".subject");
        if (subject.kind == SubjectKind::kOrganization) {
          return organization(subject_field, subject.id);
        }
        DANGBO_ASSIGN_OR_RETURN(const MemberInfo* m, member(subject_field, subject.id));
        return organization(subject_field, given != 0 ? given : m->organization_id);
      };

      if (r.inspection) {
        Inspection& in = *r.inspection;
        DANGBO_RETURN_IF_ERROR(
            organization("inspection.conducting_organization", in.conducting_organization_id)
                .status());
        for (size_t i = 0; i < in.subjects.size(); ++i) {
          InspectionSubject& s = in.subjects[i];
          DANGBO_ASSIGN_OR_RETURN(const OrganizationInfo* at,
                                  place(absl::StrCat("inspection.subjects[", i, "]"), s.subject,
                                        s.organization_id_at_decision));
          s.organization_id_at_decision = at->id;
        }
        for (size_t i = 0; i < in.team.size(); ++i) {
          DANGBO_ASSIGN_OR_RETURN(const MemberInfo* m,
                                  member(absl::StrCat("inspection.team_members[", i, "].member"),
                                         in.team[i].member_id));
          if (in.team[i].full_name.empty()) in.team[i].full_name = m->full_name;
        }
        const Date decided = in.decision.date.value_or(today);
        DANGBO_RETURN_IF_ERROR(
            status::Prefixed("inspection", CheckImportedInspection(in, book.At(decided), today)));
      }
      for (ImportedDecisionRecord& d : r.decisions) {
        DisciplinaryDecision& decision = d.decision;
        const std::string field = absl::StrCat(d.field, ".disciplinary_decision");
        DANGBO_RETURN_IF_ERROR(
            organization(field + ".deciding_organization", decision.deciding_organization_id)
                .status());
        DANGBO_ASSIGN_OR_RETURN(const OrganizationInfo* at,
                                place(field, decision.subject, decision.subject_organization_id));
        decision.subject_organization_id = at->id;
        if (decision.subject.kind == SubjectKind::kMember &&
            decision.member_standing == MemberStanding::kUnspecified) {
          const MemberInfo& m = dir.members.at(decision.subject.id);
          if (m.standing == MemberStanding::kUnspecified) {
            return status::InvalidField(
                field + ".member_standing",
                "required: membership says the member no longer belongs to the party; give the "
                "standing on the decision date");
          }
          decision.member_standing = m.standing;
          decision.holds_post = m.holds_post;
        }
        if (!PathContains(at->path, decision.deciding_organization_id)) {
          return absl::FailedPreconditionError(absl::StrCat(
              field,
              ".deciding_organization: neither the subject's organization nor one above it"));
        }
        for (size_t k = 0; k < d.appeals.size(); ++k) {
          DANGBO_RETURN_IF_ERROR(
              organization(absl::StrCat(d.field, ".appeals[", k, "].resolving_organization"),
                           d.appeals[k].resolving_organization_id)
                  .status());
        }
        if (decision.source_inspection_id) {
          absl::Status source = deps_.store->GetInspection(*decision.source_inspection_id).status();
          if (!source.ok()) return status::Prefixed(field + ".source_inspection", source);
        }
        // Earlier violations of the subject restart the limitation clock: the stored ones and
        // those earlier in this import.
        const std::pair<int, int64_t> key{static_cast<int>(decision.subject.kind),
                                          decision.subject.id};
        DANGBO_ASSIGN_OR_RETURN(std::vector<Date> others, StoredViolationsOf(decision.subject));
        const std::vector<Date>& streamed = streamed_violations[key];
        others.insert(others.end(), streamed.begin(), streamed.end());
        DANGBO_RETURN_IF_ERROR(status::Prefixed(
            field,
            CheckDisciplinaryDecision(decision, others, book.At(decision.decision_date), today)));
        DANGBO_RETURN_IF_ERROR(status::Prefixed(
            d.field, CheckImportedAppeals(decision, d.appeals, book, *deps_.calendar, today)));
      }
      // Only a record that passed adds its violations to what later records are judged by.
      for (const ImportedDecisionRecord& d : r.decisions) {
        std::vector<Date>& dates =
            streamed_violations[{static_cast<int>(d.decision.subject.kind), d.decision.subject.id}];
        dates.insert(dates.end(), d.decision.violation_dates.begin(),
                     d.decision.violation_dates.end());
      }
      return absl::OkStatus();
    };

    v1::ImportInspectionWorkRequest message;
    while (reader->Read(&message)) {
      if (batch == 0) {
        request_id = message.request_id();
        dry_run = message.dry_run();
        DANGBO_RETURN_IF_ERROR(
            status::ValidateText("request_id", request_id, 100, /*required=*/true));
      } else if (!message.request_id().empty() && message.request_id() != request_id) {
        return status::InvalidField("request_id", "must not change within one import");
      }
      if (message.records_size() > kMaxRecordsPerMessage) {
        return status::InvalidField(
            "records", absl::StrCat("at most ", kMaxRecordsPerMessage, " per message"));
      }
      ++batch;
      resp->set_records_received(resp->records_received() + message.records_size());

      // Mapped first, so that the whole message's organizations and members are looked up in
      // two calls; each refused record reports its first failing check, in record order.
      std::vector<ImportedRecord> records;
      std::vector<Refused> refused;
      std::vector<int64_t> organization_ids;
      std::vector<int64_t> member_ids;
      for (const v1::InspectionWorkRecord& in : message.records()) {
        ++record_number;
        absl::StatusOr<ImportedRecord> r = RecordFromProto(in);
        if (r.ok() && !seen_keys.insert(r->source_key).second) {
          r = status::InvalidField("source_key", "appears twice in this import");
        }
        if (!r.ok()) {
          refused.push_back({record_number, in.source_key(), r.status()});
          continue;
        }
        r->number = record_number;
        CollectIds(*r, organization_ids, member_ids);
        records.push_back(*std::move(r));
      }
      Directory dir;
      if (!organization_ids.empty()) {
        DANGBO_ASSIGN_OR_RETURN(dir.organizations,
                                deps_.directory->Organizations(Distinct(organization_ids), ctx));
      }
      if (!member_ids.empty()) {
        DANGBO_ASSIGN_OR_RETURN(dir.members, deps_.directory->Members(Distinct(member_ids), ctx));
        // A member is counted where membership has them unless the record says otherwise:
        // those organizations are wanted too.
        std::vector<int64_t> registered;
        for (const auto& [id, m] : dir.members) {
          if (!dir.organizations.contains(m.organization_id))
            registered.push_back(m.organization_id);
        }
        if (!registered.empty()) {
          DANGBO_ASSIGN_OR_RETURN(auto more,
                                  deps_.directory->Organizations(Distinct(registered), ctx));
          dir.organizations.merge(more);
        }
      }
      std::vector<ImportedRecord> valid;
      for (ImportedRecord& r : records) {
        if (absl::Status s = check(r, dir); !s.ok()) {
          refused.push_back({r.number, r.source_key, s});
          continue;
        }
        valid.push_back(std::move(r));
      }
      std::sort(refused.begin(), refused.end(),
                [](const Refused& a, const Refused& b) { return a.number < b.number; });
      for (const Refused& r : refused) add_error(r);
      if (dry_run || valid.empty()) continue;

      // Each message is its own transaction and idempotency key, so a client replaying the whole
      // stream gets each message's first answer back instead of a second write. The fingerprint
      // is of the message without request_id and dry_run (both kept above).
      message.clear_request_id();
      message.clear_dry_run();
      v1::ImportInspectionWorkResponse written;
      DANGBO_RETURN_IF_ERROR(Mutate(
          "ImportInspectionWork", message, absl::StrCat(request_id, "#", batch), principal,
          [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
            std::vector<std::string> keys;
            keys.reserve(valid.size());
            for (const ImportedRecord& r : valid) keys.push_back(r.source_key);
            DANGBO_ASSIGN_OR_RETURN(std::vector<std::string> found, tx.LockImportedKeys(keys));
            const absl::flat_hash_set<std::string> done(found.begin(), found.end());
            v1::ImportInspectionWorkResponse counts;
            MutationOutcome outcome;
            for (const ImportedRecord& r : valid) {
              if (done.contains(r.source_key)) {
                counts.set_already_imported(counts.already_imported() + 1);
                continue;
              }
              std::optional<int64_t> inspection_id;
              if (r.inspection) {
                DANGBO_ASSIGN_OR_RETURN(Inspection created, tx.InsertInspection(*r.inspection));
                if (r.inspection->notice) {
                  ConclusionNotice notice = *r.inspection->notice;
                  notice.inspection_id = created.id;
                  DANGBO_RETURN_IF_ERROR(tx.InsertNoticeRevision(notice));
                  created.notice = std::move(notice);
                }
                inspection_id = created.id;
                v1::Inspection out = InspectionToProto(created);
                outcome.changes.push_back(MakeChange(out.name(), "imported", out));
                counts.set_inspections(counts.inspections() + 1);
              }
              for (const ImportedDecisionRecord& d : r.decisions) {
                DisciplinaryDecision decision = d.decision;
                if (inspection_id) decision.source_inspection_id = inspection_id;
                DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision created, tx.InsertDecision(decision));
                // Membership's own import holds what an expulsion or a dissolution changed:
                // nothing is owed to it.
                v1::MembershipSync sync;
                sync.set_state(v1::MembershipSync::STATE_NOT_REQUIRED);
                v1::DisciplinaryDecision out = DisciplinaryDecisionToProto(created, sync);
                outcome.changes.push_back(MakeChange(out.name(), "imported", out));
                counts.set_disciplinary_decisions(counts.disciplinary_decisions() + 1);
                for (const Appeal& a : d.appeals) {
                  StoredAppeal appeal{.appeal = a};
                  appeal.appeal.decision_id = created.id;
                  appeal.resolution_due_date =
                      AppealResolutionDeadline(a, book.At(a.filed_date), *deps_.calendar);
                  DANGBO_ASSIGN_OR_RETURN(StoredAppeal stored, tx.InsertAppeal(appeal));
                  v1::Appeal appeal_out = AppealToProto(stored);
                  outcome.changes.push_back(MakeChange(appeal_out.name(), "imported", appeal_out));
                  counts.set_appeals(counts.appeals() + 1);
                }
              }
              DANGBO_RETURN_IF_ERROR(tx.InsertImportedKey(
                  ImportedRecordKey{.source_key = r.source_key,
                                    .inspection_id = inspection_id,
                                    .decision_count = static_cast<int>(r.decisions.size()),
                                    .request_id = request_id}));
              counts.set_imported(counts.imported() + 1);
            }
            outcome.response = counts.SerializeAsString();
            outcome.resource = "inspections";
            outcome.audit_detail = absl::StrCat(
                "import batch ", batch, ": ", counts.imported(), " records (", counts.inspections(),
                " inspections, ", counts.disciplinary_decisions(), " decisions, ", counts.appeals(),
                " appeals), ", counts.already_imported(), " already imported");
            return outcome;
          },
          &written));
      resp->set_imported(resp->imported() + written.imported());
      resp->set_already_imported(resp->already_imported() + written.already_imported());
      resp->set_inspections(resp->inspections() + written.inspections());
      resp->set_disciplinary_decisions(resp->disciplinary_decisions() +
                                       written.disciplinary_decisions());
      resp->set_appeals(resp->appeals() + written.appeals());
    }
    if (batch == 0) return status::InvalidField("records", "the import stream carried no message");
    resp->set_dry_run(dry_run);
    return absl::OkStatus();
  });
}

}  // namespace dangbo::inspection
