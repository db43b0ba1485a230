#include "services/reporting/feed/read_model.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/api/resource_names.h"
#include "common/server/log.h"
#include "dangbo/inspection/v1/discipline.pb.h"
#include "dangbo/inspection/v1/inspection.pb.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/member_event.pb.h"
#include "dangbo/membership/v1/membership_service.pb.h"
#include "dangbo/membership/v1/rating.pb.h"
#include "services/reporting/feed/source_payloads.h"
#include "services/reporting/feed/stored_payload.h"

namespace dangbo::reporting {
namespace {

namespace ipb = dangbo::inspection::v1;
namespace mpb = dangbo::membership::v1;

template <typename Message>
bool Is(std::string_view type) {
  return type == Message::descriptor()->full_name();
}

bool Parse(const StoredMessage& stored, google::protobuf::Message& message) {
  return message.ParseFromArray(stored.bytes.data(), static_cast<int>(stored.bytes.size()));
}

}  // namespace

bool ReadModel::Uses(std::string_view type) {
  return Is<ipb::Inspection>(type) || Is<ipb::DisciplinaryDecision>(type) ||
         Is<ipb::Appeal>(type) || Is<mpb::ListOrganizationChangesResponse>(type) ||
         Is<mpb::Member>(type) || Is<mpb::MemberEvent>(type) || Is<mpb::Rating>(type) ||
         Is<mpb::Badge>(type);
}

void ReadModel::ApplyBatch(Source source, const std::vector<FeedResource>& resources,
                           const FeedPosition& after) {
  absl::MutexLock lock(&mu_);
  for (const FeedResource& r : resources) {
    if (absl::Status s = Apply(r); !s.ok()) {
      ++rejected_;
      log::Error("feed resource rejected",
                 {{"resource", r.resource}, {"sequence", r.sequence}, {"error", s.ToString()}});
    }
  }
  FeedPosition& held = positions_.of(source);
  if (after.last_sequence > held.last_sequence) held = after;
}

absl::Status ReadModel::Apply(const FeedResource& r) {
  StoredMessage stored;
  if (!ReadStoredPayload(r.payload, stored)) {
    return absl::InvalidArgumentError(
        "payload: neither a stored message nor a google.protobuf.Any");
  }
  const std::string_view type = stored.type;
  if (Is<ipb::Inspection>(type)) {
    ipb::Inspection in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad Inspection");
    absl::StatusOr<inspection::Inspection> value = InspectionFromFeed(in, r.sequence);
    if (!value.ok()) return value.status();
    return inspections_.UpsertInspection(*value);
  }
  if (Is<ipb::DisciplinaryDecision>(type)) {
    ipb::DisciplinaryDecision in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad DisciplinaryDecision");
    absl::StatusOr<inspection::DisciplinaryDecision> value = DecisionFromFeed(in, r.sequence);
    if (!value.ok()) return value.status();
    return inspections_.UpsertDecision(*value);
  }
  if (Is<ipb::Appeal>(type)) {
    ipb::Appeal in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad Appeal");
    absl::StatusOr<inspection::Appeal> value = AppealFromFeed(in, r.sequence);
    if (!value.ok()) return value.status();
    return inspections_.UpsertAppeal(*value);
  }
  if (Is<mpb::Member>(type)) {
    mpb::Member in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad Member");
    absl::StatusOr<membership::Member> value = MemberFromFeed(in, r.sequence);
    if (!value.ok()) return value.status();
    return members_.UpsertMember(*value);
  }
  if (Is<mpb::MemberEvent>(type)) {
    mpb::MemberEvent in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad MemberEvent");
    absl::StatusOr<membership::MemberEvent> value = MemberEventFromFeed(in);
    if (!value.ok()) return value.status();
    return members_.UpsertMemberEvent(*value);
  }
  if (Is<mpb::Rating>(type)) {
    mpb::Rating in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad Rating");
    absl::StatusOr<RatingRecord> value = RatingFromFeed(in, r.sequence);
    if (!value.ok()) return value.status();
    return ratings_.Upsert(*value);
  }
  if (Is<mpb::Badge>(type)) {
    mpb::Badge in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad Badge");
    absl::StatusOr<membership::Badge> value = BadgeFromFeed(in);
    if (!value.ok()) return value.status();
    return members_.UpsertBadge(*value);
  }
  if (Is<mpb::ListOrganizationChangesResponse>(type)) {
    mpb::ListOrganizationChangesResponse in;
    if (!Parse(stored, in)) return absl::InvalidArgumentError("payload: bad organization history");
    absl::StatusOr<int64_t> id = api::ParseResourceId("resource", "organizations", r.resource);
    if (!id.ok()) return id.status();
    absl::StatusOr<std::vector<OrganizationVersion>> rows =
        OrganizationHistoryFromFeed(*id, in.changes());
    if (!rows.ok()) return rows.status();
    return tree_.SetHistory(*id, *std::move(rows));
  }
  return absl::OkStatus();  // a type this model does not count
}

void ReadModel::SetHeads(int64_t membership_head, int64_t inspection_head) {
  absl::MutexLock lock(&mu_);
  membership_head_ = membership_head;
  inspection_head_ = inspection_head;
}

void ReadModel::Clear() {
  absl::MutexLock lock(&mu_);
  tree_ = OrganizationTree();
  inspections_ = InspectionModel();
  members_ = MembershipModel();
  ratings_ = RatingModel();
  positions_ = FeedPositions();
  membership_head_ = 0;
  inspection_head_ = 0;
  rejected_ = 0;
}

FeedPositions ReadModel::positions() const {
  absl::ReaderMutexLock lock(&mu_);
  return positions_;
}

int64_t ReadModel::rejected() const {
  absl::ReaderMutexLock lock(&mu_);
  return rejected_;
}

}  // namespace dangbo::reporting
