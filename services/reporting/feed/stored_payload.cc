#include "services/reporting/feed/stored_payload.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "dangbo/inspection/v1/discipline.pb.h"
#include "dangbo/inspection/v1/inspection.pb.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/member_event.pb.h"
#include "dangbo/membership/v1/rating.pb.h"
#include "services/reporting/feed/source_payloads.h"

namespace dangbo::reporting {
namespace {

namespace ipb = dangbo::inspection::v1;
namespace mpb = dangbo::membership::v1;

// The first byte of a compact payload. An Any never starts with one of these: its first byte
// is a field tag, 0x0A (type_url) or 0x12 (value). The values are stored: never renumber.
enum class StoredKind : uint8_t {
  kMember = 1,
  kMemberEvent = 2,
  kRating = 3,
  kInspection = 4,
  kDisciplinaryDecision = 5,
  kAppeal = 6,
  kOrganizationHistory = 7,
  kBadge = 8,
};

struct KindName {
  StoredKind kind;
  const std::string* type;  // the message's full name, from its descriptor
};

const std::vector<KindName>& Kinds() {
  static const std::vector<KindName> kinds = {
      {StoredKind::kMember, &mpb::Member::descriptor()->full_name()},
      {StoredKind::kMemberEvent, &mpb::MemberEvent::descriptor()->full_name()},
      {StoredKind::kRating, &mpb::Rating::descriptor()->full_name()},
      {StoredKind::kInspection, &ipb::Inspection::descriptor()->full_name()},
      {StoredKind::kDisciplinaryDecision, &ipb::DisciplinaryDecision::descriptor()->full_name()},
      {StoredKind::kAppeal, &ipb::Appeal::descriptor()->full_name()},
      {StoredKind::kOrganizationHistory,
       &mpb::ListOrganizationChangesResponse::descriptor()->full_name()},
      {StoredKind::kBadge, &mpb::Badge::descriptor()->full_name()},
  };
  return kinds;
}

std::string Compact(StoredKind kind, const google::protobuf::Message& message) {
  std::string out(1, static_cast<char>(kind));
  message.AppendToString(&out);
  return out;
}

// Clears every field of `message` but `kept` (top-level field names).
void KeepOnly(google::protobuf::Message& message, std::initializer_list<std::string_view> kept) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (std::find(kept.begin(), kept.end(), field->name()) == kept.end()) {
      message.GetReflection()->ClearField(&message, field);
    }
  }
}

}  // namespace

std::string StoredPayload(const google::protobuf::Any& payload) {
  const std::string_view type = PayloadType(payload);
  for (const KindName& k : Kinds()) {
    if (type != *k.type) continue;
    switch (k.kind) {
      case StoredKind::kMember: {
        mpb::Member member;
        if (!payload.UnpackTo(&member)) break;
        KeepOnly(member, {"name", "gender", "state", "organization", "youth_union_member",
                          "political_theory_level", "general_education",
                          "professional_qualification", "personal_data",
                          "admission_decision_date", "full_member_date"});
        KeepOnly(*member.mutable_personal_data(), {"birth_date", "ethnicity", "religion"});
        return Compact(k.kind, member);
      }
      case StoredKind::kMemberEvent: {
        mpb::MemberEvent event;
        if (!payload.UnpackTo(&event)) break;
        KeepOnly(event, {"name", "type", "effective_date", "state_before", "state_after",
                         "organization_before", "organization_after"});
        return Compact(k.kind, event);
      }
      case StoredKind::kInspection: {
        ipb::Inspection inspection;
        if (!payload.UnpackTo(&inspection)) break;
        KeepOnly(inspection, {"name", "type", "conducting_body", "conducting_organization", "stage",
                              "decision", "subjects"});
        return Compact(k.kind, inspection);
      }
      case StoredKind::kBadge: {
        mpb::Badge badge;
        if (!payload.UnpackTo(&badge)) break;
        KeepOnly(badge, {"member", "years", "award_date"});
        return Compact(k.kind, badge);
      }
      default:
        // Kept whole: nothing in them to leave out. Not parsed here; the model checks them.
        return std::string(1, static_cast<char>(k.kind)) + payload.value();
    }
    break;
  }
  // A payload that does not parse is kept as it came, for the model to reject with a reason.
  return payload.SerializeAsString();
}

std::string StoredOrganizationHistory(const mpb::ListOrganizationChangesResponse& history) {
  return Compact(StoredKind::kOrganizationHistory, history);
}

bool ReadStoredPayload(std::string_view stored, StoredMessage& out) {
  if (!stored.empty()) {
    const auto first = static_cast<uint8_t>(stored.front());
    for (const KindName& k : Kinds()) {
      if (first != static_cast<uint8_t>(k.kind)) continue;
      out.type = *k.type;
      out.bytes = stored.substr(1);
      return true;
    }
  }
  if (!out.legacy.ParseFromArray(stored.data(), static_cast<int>(stored.size()))) return false;
  out.type = PayloadType(out.legacy);
  out.bytes = out.legacy.value();
  return true;
}

}  // namespace dangbo::reporting
