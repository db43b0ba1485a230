// ImportMembers: bulk loading, idempotent on citizen id, one transaction per received batch.
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/auth/authorization.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "services/membership/api/mapping.h"
#include "services/membership/api/member_rules.h"
#include "services/membership/api/membership_service.h"

namespace dangbo::membership {
namespace {

using auth::Action;

constexpr int kMaxRowsPerMessage = 5000;
constexpr int kMaxListedErrors = 1000;

// Profile equality for "unchanged": the fields an import may set.
bool SameProfile(const Member& a, const Member& b) {
  return a.full_name == b.full_name && a.gender == b.gender &&
         a.organization_id == b.organization_id && a.party_card_number == b.party_card_number &&
         a.party_profile_number == b.party_profile_number &&
         a.general_education == b.general_education &&
         a.professional_qualification == b.professional_qualification &&
         a.academic_title == b.academic_title &&
         a.political_theory_level == b.political_theory_level && a.occupation == b.occupation &&
         a.position == b.position && a.department_leader == b.department_leader &&
         a.youth_union_member == b.youth_union_member &&
         a.personal.birth_date == b.personal.birth_date &&
         a.personal.ethnicity == b.personal.ethnicity &&
         a.personal.religion == b.personal.religion && a.personal.address == b.personal.address;
}

// An existing member takes the imported profile; state, organization and lifecycle dates stay
// as the member's own history made them.
Member WithImportedProfile(Member existing, const Member& row) {
  const int64_t organization = existing.organization_id;
  const MemberState state = existing.state;
  const auto decision = existing.admission_decision_date;
  const auto ceremony = existing.admission_ceremony_date;
  const auto full = existing.full_member_date;
  Member out = row;
  out.id = existing.id;
  out.version = existing.version;
  out.organization_id = organization;
  out.state = state;
  out.admission_decision_date = decision;
  out.admission_ceremony_date = ceremony;
  out.full_member_date = full;
  out.exempted = existing.exempted;
  out.lost_contact = existing.lost_contact;
  out.transfer_in_transit = existing.transfer_in_transit;
  out.temporarily_attached = existing.temporarily_attached;
  out.temporary_host_organization_id = existing.temporary_host_organization_id;
  out.create_time = existing.create_time;
  return out;
}

}  // namespace

grpc::Status MembershipServiceImpl::ImportMembers(
    grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportMembersRequest>* reader,
    v1::ImportMembersResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteMember));
    const Date today = Today();
    absl::flat_hash_map<int64_t, bool> organization_allowed;  // id -> in scope and active
    absl::flat_hash_set<std::string> seen_citizen_ids;
    std::string request_id;
    bool dry_run = false;
    int batch = 0;

    auto add_error = [&](int64_t row, std::string field, std::string message) {
      resp->set_error_count(resp->error_count() + 1);
      if (resp->errors_size() >= kMaxListedErrors) return;
      v1::ImportRowError* e = resp->add_errors();
      e->set_row_number(row);
      e->set_field(std::move(field));
      e->set_message(std::move(message));
    };
    // Organizations of the rows, looked up once per message for all those not seen before:
    // the national tree has 60,000 of them, and a query each would cost as much as the rows.
    auto look_up_organizations = [&](const std::vector<int64_t>& ids) -> absl::Status {
      std::vector<int64_t> unknown;
      for (int64_t id : ids) {
        if (!organization_allowed.contains(id)) unknown.push_back(id);
      }
      if (unknown.empty()) return absl::OkStatus();
      DANGBO_ASSIGN_OR_RETURN(std::vector<OrganizationPathAndState> found,
                              deps_.store->OrganizationPathsAndStates(unknown));
      for (int64_t id : unknown) organization_allowed[id] = false;  // absent: does not exist
      for (const OrganizationPathAndState& org : found) {
        organization_allowed[org.id] =
            org.state == OrganizationState::kActive &&
            auth::Authorize(principal, Action::kWriteMember, org.path).ok();
      }
      return absl::OkStatus();
    };

    v1::ImportMembersRequest message;
    while (reader->Read(&message)) {
      if (batch == 0) {
        request_id = message.request_id();
        dry_run = message.dry_run();
        DANGBO_RETURN_IF_ERROR(
            status::ValidateText("request_id", request_id, 100, /*required=*/true));
      } else if (!message.request_id().empty() && message.request_id() != request_id) {
        return status::InvalidField("request_id", "must not change within one import");
      }
      if (message.rows_size() > kMaxRowsPerMessage) {
        return status::InvalidField("rows",
                                    absl::StrCat("at most ", kMaxRowsPerMessage, " per message"));
      }
      resp->set_rows_received(resp->rows_received() + message.rows_size());

      // Row checks in two passes, so that the organizations of the whole message are looked up
      // together; each row still reports its first failing check, rows in order.
      std::vector<absl::StatusOr<Member>> checked;
      checked.reserve(message.rows_size());
      std::vector<int64_t> organization_ids;
      for (const v1::ImportRow& row : message.rows()) {
        absl::StatusOr<Member> member = MemberFromProto("member", row.member());
        absl::Status valid = member.status();
        if (valid.ok()) {
          const int initial =
              row.initial_state() == 0 ? v1::MEMBER_STATE_APPLICANT : row.initial_state();
          member->state = static_cast<MemberState>(v1::MemberState_IsValid(initial) ? initial : 0);
          if (member->personal.citizen_id.empty()) {
            valid = status::InvalidField("member.personal_data.citizen_id",
                                         "required: it identifies the person across imports");
          } else if (row.member().organization().empty()) {
            valid = status::InvalidField("member.organization", "required");
          } else if (!seen_citizen_ids.insert(member->personal.citizen_id).second) {
            valid = status::InvalidField("member.personal_data.citizen_id",
                                         "appears twice in this import");
          }
        }
        if (valid.ok()) valid = ValidateInitialState(*member, today);
        if (valid.ok()) valid = CheckCardNumber("member", member->party_card_number);
        if (valid.ok()) organization_ids.push_back(member->organization_id);
        checked.push_back(valid.ok() ? std::move(member) : absl::StatusOr<Member>(valid));
      }
      DANGBO_RETURN_IF_ERROR(look_up_organizations(organization_ids));

      std::vector<Member> rows;
      rows.reserve(message.rows_size());
      for (int i = 0; i < message.rows_size(); ++i) {
        absl::Status valid = checked[i].status();
        if (valid.ok() && !organization_allowed[checked[i]->organization_id]) {
          valid = status::InvalidField("member.organization",
                                       "does not exist, is not active, or is outside your scopes");
        }
        if (!valid.ok()) {
          std::string message_text(valid.message());
          std::string field(status::FieldNamedBy(message_text));
          add_error(message.rows(i).row_number(), std::move(field), std::move(message_text));
          continue;
        }
        rows.push_back(*std::move(checked[i]));
      }
      ++batch;
      if (dry_run || rows.empty()) continue;

      // Each batch is its own transaction and its own idempotency key, so a client replaying
      // the whole stream gets each batch's first answer back instead of a second write.
      // The fingerprint is of the message without request_id and dry_run (both kept above);
      // clearing them in place spares a copy of a thousand rows.
      message.clear_request_id();
      message.clear_dry_run();
      v1::ImportMembersResponse batch_result;
      DANGBO_RETURN_IF_ERROR(Mutate(
          "ImportMembers", message, absl::StrCat(request_id, "#", batch), principal,
          [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
            std::vector<std::string> citizen_ids;
            citizen_ids.reserve(rows.size());
            for (const Member& r : rows) citizen_ids.push_back(r.personal.citizen_id);
            DANGBO_ASSIGN_OR_RETURN(auto existing, tx.LockMembersByCitizenId(citizen_ids));
            // A first import finds nobody: insert the rows as they are, without copying them.
            std::vector<Member> fresh;
            MutationOutcome outcome;
            v1::ImportMembersResponse counts;
            if (!existing.empty()) {
              for (const Member& r : rows) {
                auto it = existing.find(r.personal.citizen_id);
                if (it == existing.end()) {
                  fresh.push_back(r);
                  continue;
                }
                Member merged = WithImportedProfile(it->second, r);
                if (SameProfile(merged, it->second)) {
                  counts.set_unchanged(counts.unchanged() + 1);
                  continue;
                }
                DANGBO_ASSIGN_OR_RETURN(Member updated, tx.UpdateMember(merged));
                v1::Member out = MemberToProto(updated, /*with_personal_data=*/true);
                outcome.changes.push_back(MakeChange(out.name(), "updated", out));
                counts.set_updated(counts.updated() + 1);
              }
            }
            DANGBO_ASSIGN_OR_RETURN(std::vector<Member> created,
                                    tx.InsertMembers(existing.empty() ? rows : fresh));
            for (const Member& m : created) {
              v1::Member out = MemberToProto(m, /*with_personal_data=*/true);
              outcome.changes.push_back(MakeChange(out.name(), "created", out));
            }
            counts.set_created(static_cast<int64_t>(created.size()));
            outcome.response = counts.SerializeAsString();
            outcome.resource = "members";
            outcome.audit_detail = absl::StrCat("import batch ", batch, ": ", counts.created(),
                                                " created, ", counts.updated(), " updated");
            return outcome;
          },
          &batch_result));
      resp->set_created(resp->created() + batch_result.created());
      resp->set_updated(resp->updated() + batch_result.updated());
      resp->set_unchanged(resp->unchanged() + batch_result.unchanged());
    }
    if (batch == 0) return status::InvalidField("rows", "the import stream carried no message");
    resp->set_dry_run(dry_run);
    return absl::OkStatus();
  });
}

}  // namespace dangbo::membership
