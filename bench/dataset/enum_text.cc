#include "bench/dataset/enum_text.h"

#include "absl/strings/str_format.h"

namespace dangbo::bench {
namespace {

absl::string_view WithoutPrefix(const std::string& name, absl::string_view prefix) {
  absl::string_view view = name;
  if (view.substr(0, prefix.size()) == prefix) view.remove_prefix(prefix.size());
  return view;
}

}  // namespace

// The generated *_Name functions return references to static strings, so views stay valid.
absl::string_view KindText(v1::OrganizationKind kind) {
  return WithoutPrefix(v1::OrganizationKind_Name(kind), "ORGANIZATION_KIND_");
}

absl::string_view OwnershipText(v1::EnterpriseOwnership ownership) {
  return WithoutPrefix(v1::EnterpriseOwnership_Name(ownership), "ENTERPRISE_OWNERSHIP_");
}

absl::string_view StateText(v1::MemberState state) {
  return WithoutPrefix(v1::MemberState_Name(state), "MEMBER_STATE_");
}

absl::string_view GenderText(v1::Gender gender) {
  return WithoutPrefix(v1::Gender_Name(gender), "GENDER_");
}

absl::string_view TheoryText(v1::PoliticalTheoryLevel level) {
  return WithoutPrefix(v1::PoliticalTheoryLevel_Name(level), "POLITICAL_THEORY_LEVEL_");
}

std::string DateText(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace dangbo::bench
