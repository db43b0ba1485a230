// Programmes: the annual inspection and supervision programme of a committee or its UBKT.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"
#include "services/inspection/domain/type_rules.h"

namespace dangbo::inspection {
namespace {

using auth::Action;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// Every planned item's type must be one the programme's body may conduct.
absl::Status CheckItems(const Programme& programme, std::string_view field) {
  for (size_t i = 0; i < programme.items.size(); ++i) {
    DANGBO_RETURN_IF_ERROR(status::Prefixed(
        absl::StrCat(ToAbsl(field), "[", i, "]"),
        CheckConductingBody(programme.items[i].type, programme.conducting_body)));
  }
  return absl::OkStatus();
}

std::vector<SubjectRef> ItemSubjects(const Programme& programme, std::vector<std::string>& fields,
                                     std::string_view prefix) {
  std::vector<SubjectRef> subjects;
  for (size_t i = 0; i < programme.items.size(); ++i) {
    for (size_t s = 0; s < programme.items[i].subjects.size(); ++s) {
      subjects.push_back(programme.items[i].subjects[s]);
      fields.push_back(absl::StrCat(ToAbsl(prefix), "[", i, "].subjects[", s, "]"));
    }
  }
  return subjects;
}

}  // namespace

grpc::Status InspectionServiceImpl::CreateProgramme(grpc::ServerContext* ctx,
                                                    const v1::CreateProgrammeRequest* req,
                                                    v1::Programme* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("CreateProgramme", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_ASSIGN_OR_RETURN(Programme programme, ProgrammeFromProto("programme", req->programme()));
    DANGBO_RETURN_IF_ERROR(CheckItems(programme, "programme.planned_items"));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, Action::kWriteInspection,
                                       "programme.organization", programme.organization_id));
    std::vector<std::string> fields;
    std::vector<SubjectRef> subjects = ItemSubjects(programme, fields, "programme.planned_items");
    DANGBO_RETURN_IF_ERROR(
        ResolveSubjects(ctx, principal, Action::kWriteInspection, subjects, fields).status());
    return Mutate(
        "CreateProgramme", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Programme created, tx.InsertProgramme(programme));
          v1::Programme out = ProgrammeToProto(created);
          const std::string name = out.name();
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(name, "created", out)},
                                 .resource = name,
                                 .audit_detail = absl::StrCat("programme ", created.year)};
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::GetProgramme(grpc::ServerContext* ctx,
                                                 const v1::GetProgrammeRequest* req,
                                                 v1::Programme* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId("name", kProgrammes, req->name()));
    DANGBO_ASSIGN_OR_RETURN(Programme programme, deps_.store->GetProgramme(id));
    DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "name",
                                       programme.organization_id));
    *resp = ProgrammeToProto(programme);
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListProgrammes(grpc::ServerContext* ctx,
                                                   const v1::ListProgrammesRequest* req,
                                                   v1::ListProgrammesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    if (req->year() < 0) return status::InvalidField("year", "must not be negative");
    ProgrammeFilter filter;
    DANGBO_ASSIGN_OR_RETURN(std::optional<std::vector<int64_t>> visible,
                            VisibleOrganizations(ctx, principal, Action::kReadInspection,
                                                 "subtree", req->subtree()));
    if (visible) filter.organization_ids = std::move(*visible);
    filter.year = req->year();
    v1::ListProgrammesRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(filter.after_id, api::DecodePageToken(req->page_token(), digest));
    filter.page_size = page_size + 1;
    DANGBO_ASSIGN_OR_RETURN(std::vector<Programme> found, deps_.store->ListProgrammes(filter));
    const bool more = static_cast<int>(found.size()) > page_size;
    if (more) found.resize(page_size);
    for (const Programme& p : found) *resp->add_programmes() = ProgrammeToProto(p);
    if (more) resp->set_next_page_token(api::EncodePageToken(found.back().id, digest));
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::UpdateProgramme(grpc::ServerContext* ctx,
                                                    const v1::UpdateProgrammeRequest* req,
                                                    v1::Programme* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("UpdateProgramme", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    const v1::Programme& in = req->programme();
    DANGBO_ASSIGN_OR_RETURN(int64_t id,
                            api::ParseResourceId("programme.name", kProgrammes, in.name()));
    DANGBO_ASSIGN_OR_RETURN(int64_t version, api::ParseEtag("programme.etag", in.etag()));
    if (req->update_mask().paths().empty()) {
      return status::InvalidField("update_mask", "name at least one field to update");
    }
    bool decision = false;
    bool items = false;
    for (const std::string& path : req->update_mask().paths()) {
      if (path == "decision") {
        decision = true;
      } else if (path == "planned_items") {
        items = true;
      } else {
        return status::InvalidField(
            "update_mask", absl::StrCat("\"", path, "\" cannot be updated; allowed: decision, "
                                                    "planned_items"));
      }
    }
    DecisionRef new_decision;
    if (decision) {
      DANGBO_ASSIGN_OR_RETURN(new_decision,
                              DecisionRefFromProto("programme.decision", in.decision()));
    }
    std::vector<PlannedItem> new_items;
    if (items) {
      DANGBO_ASSIGN_OR_RETURN(new_items,
                              PlannedItemsFromProto("programme.planned_items", in.planned_items()));
    }
    DANGBO_ASSIGN_OR_RETURN(Programme current, deps_.store->GetProgramme(id));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, Action::kWriteInspection,
                                       "programme.name", current.organization_id));
    if (items) {
      Programme proposed = current;
      proposed.items = new_items;
      DANGBO_RETURN_IF_ERROR(CheckItems(proposed, "programme.planned_items"));
      std::vector<std::string> fields;
      std::vector<SubjectRef> subjects = ItemSubjects(proposed, fields, "programme.planned_items");
      DANGBO_RETURN_IF_ERROR(
          ResolveSubjects(ctx, principal, Action::kWriteInspection, subjects, fields).status());
    }
    return Mutate(
        "UpdateProgramme", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Programme programme, tx.LockProgramme(id));
          if (programme.version != version) return status::EtagMismatch(in.name());
          if (decision) programme.decision = new_decision;
          if (items) {
            // Items already carried out by an inspection stay, whatever the request says.
            std::vector<PlannedItem> kept;
            for (const PlannedItem& item : programme.items) {
              if (item.inspection_id) kept.push_back(item);
            }
            const size_t carried_out = kept.size();
            for (const PlannedItem& item : new_items) {
              // A client that sends back the whole list names the carried-out items too.
              const bool repeats = std::any_of(
                  kept.begin(), kept.begin() + carried_out, [&](const PlannedItem& k) {
                    return k.type == item.type && k.content == item.content &&
                           k.subjects == item.subjects;
                  });
              if (!repeats) kept.push_back(item);
            }
            programme.items = std::move(kept);
          }
          DANGBO_ASSIGN_OR_RETURN(Programme updated, tx.UpdateProgramme(programme));
          v1::Programme out = ProgrammeToProto(updated);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "updated", out)},
                                 .resource = out.name(),
                                 .audit_detail = "programme updated"};
        },
        resp);
  });
}

}  // namespace dangbo::inspection
