// The dated rule book as data: read by anyone who reads inspections, changed by administrators,
// so a rule change is a data change, not a release.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/etag.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "nlohmann/json.hpp"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"

namespace dangbo::inspection {
namespace {

using auth::Action;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

const RuleVersionRecord* Find(const std::vector<RuleVersionRecord>& versions, Date day) {
  auto it = std::find_if(versions.begin(), versions.end(),
                         [&](const RuleVersionRecord& v) { return v.effective_from == day; });
  return it == versions.end() ? nullptr : &*it;
}

// The version `record` as the whole rules in force from its date, read in the book `versions`.
absl::StatusOr<v1::RuleVersion> Describe(const std::vector<RuleVersionRecord>& versions,
                                         const RuleVersionRecord& record) {
  DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, RuleBookOf(versions));
  return RuleVersionToProto(record, book.At(record.effective_from));
}

// Rule changes are made by an administrator whose scope is the whole tree: the rules apply
// everywhere.
absl::Status RequireWholeTree(const auth::Principal& principal) {
  if (!principal.unlimited_scope) {
    return absl::PermissionDeniedError(
        "rules apply to the whole tree; changing them needs an administrator without scope "
        "limits");
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status InspectionServiceImpl::GetRuleVersion(grpc::ServerContext* ctx,
                                                   const v1::GetRuleVersionRequest* req,
                                                   v1::RuleVersion* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_RETURN_IF_ERROR(Authorized(ctx, Action::kReadInspection).status());
    DANGBO_ASSIGN_OR_RETURN(Date day, ParseRuleVersionName("name", req->name()));
    DANGBO_ASSIGN_OR_RETURN(std::vector<RuleVersionRecord> versions,
                            deps_.store->ListRuleVersions());
    const RuleVersionRecord* record = Find(versions, day);
    if (!record) return status::NotFound("rule version", req->name());
    DANGBO_ASSIGN_OR_RETURN(*resp, Describe(versions, *record));
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListRuleVersions(grpc::ServerContext* ctx,
                                                     const v1::ListRuleVersionsRequest* req,
                                                     v1::ListRuleVersionsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_RETURN_IF_ERROR(Authorized(ctx, Action::kReadInspection).status());
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    DANGBO_ASSIGN_OR_RETURN(int64_t after, api::DecodePageToken(req->page_token(), "ruleVersions"));
    DANGBO_ASSIGN_OR_RETURN(std::vector<RuleVersionRecord> versions,
                            deps_.store->ListRuleVersions());
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, RuleBookOf(versions));
    // Oldest first; the page key is the version's day number (positive for any stored date).
    auto key = [](Date day) -> int64_t { return day - Date(1900, 1, 1) + 1; };
    for (const RuleVersionRecord& v : versions) {
      if (key(v.effective_from) <= after) continue;
      if (resp->rule_versions_size() == page_size) {
        resp->set_next_page_token(api::EncodePageToken(
            key(versions[&v - versions.data() - 1].effective_from), "ruleVersions"));
        break;
      }
      *resp->add_rule_versions() = RuleVersionToProto(v, book.At(v.effective_from));
    }
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::CreateRuleVersion(grpc::ServerContext* ctx,
                                                      const v1::CreateRuleVersionRequest* req,
                                                      v1::RuleVersion* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kAdminister));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("CreateRuleVersion", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_RETURN_IF_ERROR(RequireWholeTree(principal));
    DANGBO_ASSIGN_OR_RETURN(Date day,
                            api::ParseRequiredDate("rule_version.effective_date",
                                                   req->rule_version().effective_date()));
    DANGBO_ASSIGN_OR_RETURN(std::string overrides,
                            RuleOverridesJson("rule_version", req->rule_version(), {}));
    return Mutate(
        "CreateRuleVersion", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          RuleVersionRecord record{.effective_from = day, .rules_json = overrides};
          absl::StatusOr<RuleVersionRecord> created = tx.InsertRuleVersion(record);
          if (!created.ok()) return status::Prefixed("rule_version", created.status());
          DANGBO_ASSIGN_OR_RETURN(std::vector<RuleVersionRecord> versions, tx.LockRuleVersions());
          DANGBO_ASSIGN_OR_RETURN(v1::RuleVersion out, Describe(versions, *created));
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "created", out)},
                                 .resource = out.name(),
                                 .audit_detail = absl::StrCat("rules from ", out.name(), ": ",
                                                              overrides)};
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::UpdateRuleVersion(grpc::ServerContext* ctx,
                                                      const v1::UpdateRuleVersionRequest* req,
                                                      v1::RuleVersion* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kAdminister));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("UpdateRuleVersion", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_RETURN_IF_ERROR(RequireWholeTree(principal));
    const v1::RuleVersion& in = req->rule_version();
    DANGBO_ASSIGN_OR_RETURN(Date day, ParseRuleVersionName("rule_version.name", in.name()));
    DANGBO_ASSIGN_OR_RETURN(int64_t version, api::ParseEtag("rule_version.etag", in.etag()));
    std::vector<std::string> paths(req->update_mask().paths().begin(),
                                   req->update_mask().paths().end());
    if (paths.empty()) {
      return status::InvalidField("update_mask", "name at least one rule to change");
    }
    for (const std::string& path : paths) {
      const google::protobuf::FieldDescriptor* field =
          v1::RuleVersion::descriptor()->FindFieldByName(path);
      if (!field || path == "name" || path == "effective_date" || path == "update_time" ||
          path == "etag") {
        return status::InvalidField("update_mask",
                                    absl::StrCat("\"", path, "\" is not a rule of RuleVersion"));
      }
    }
    DANGBO_ASSIGN_OR_RETURN(std::string changes, RuleOverridesJson("rule_version", in, paths));
    return Mutate(
        "UpdateRuleVersion", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(std::vector<RuleVersionRecord> versions, tx.LockRuleVersions());
          const RuleVersionRecord* current = Find(versions, day);
          if (!current) return status::NotFound("rule version", in.name());
          if (current->version != version) return status::EtagMismatch(in.name());
          // The version keeps its other overrides; the masked rules are replaced.
          nlohmann::json merged = nlohmann::json::parse(current->rules_json, nullptr, false);
          if (!merged.is_object()) merged = nlohmann::json::object();
          merged.update(nlohmann::json::parse(changes));
          RuleVersionRecord record = *current;
          record.rules_json = merged.dump();
          absl::StatusOr<RuleVersionRecord> updated = tx.UpdateRuleVersion(record);
          if (!updated.ok()) return status::Prefixed("rule_version", updated.status());
          for (RuleVersionRecord& v : versions) {
            if (v.effective_from == day) v = *updated;
          }
          DANGBO_ASSIGN_OR_RETURN(v1::RuleVersion out, Describe(versions, *updated));
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "updated", out)},
                                 .resource = out.name(),
                                 .audit_detail = absl::StrCat("rules changed: ", changes)};
        },
        resp);
  });
}

}  // namespace dangbo::inspection
