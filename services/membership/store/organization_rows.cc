#include "services/membership/store/organization_rows.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace dangbo::membership::internal {
namespace {

constexpr const char* kOrganizationColumns[] = {"id",
                                                "code",
                                                "display_name",
                                                "kind",
                                                "parent_id",
                                                "enterprise_name",
                                                "ownership",
                                                "granted_upper_level_powers",
                                                "established_date",
                                                "dissolved_date",
                                                "state",
                                                "merged_into_id",
                                                "path",
                                                "version",
                                                "create_time",
                                                "update_time"};

constexpr const char* kVersionExtraColumns[] = {"id",
                                                "valid_from",
                                                "valid_to",
                                                "change_kind",
                                                "decision_number",
                                                "decision_date",
                                                "decision_issuer",
                                                "related_ids"};

template <size_t N>
std::string Qualified(const std::string& alias, const char* const (&columns)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += ", ";
    absl::StrAppend(&out, alias, ".", columns[i]);
  }
  return out;
}

}  // namespace

std::string OrganizationColumns(const std::string& alias) {
  return Qualified(alias, kOrganizationColumns);
}

std::string OrganizationVersionColumns(const std::string& alias) {
  // Same columns as the current row, except that `id` is the history row's own.
  std::string organization = Qualified(alias, kOrganizationColumns);
  organization.replace(0, alias.size() + 3, absl::StrCat(alias, ".organization_id"));
  return absl::StrCat(organization, ", ", Qualified(alias, kVersionExtraColumns));
}

Organization ReadOrganization(RowReader& row) {
  Organization org;
  org.id = row.Int64();
  org.code = row.String();
  org.display_name = row.String();
  org.kind = row.EnumValue<OrganizationKind>();
  org.parent_id = row.OptionalInt64();
  org.enterprise_name = row.String();
  org.ownership = row.EnumValue<EnterpriseOwnership>();
  org.granted_upper_level_powers = row.Bool();
  org.established_date = row.OptionalDate();
  org.dissolved_date = row.OptionalDate();
  org.state = row.EnumValue<OrganizationState>();
  org.merged_into_id = row.OptionalInt64();
  org.path = row.String();
  org.version = row.Int64();
  org.create_time = row.Time();
  org.update_time = row.Time();
  return org;
}

OrganizationVersion ReadOrganizationVersion(RowReader& row) {
  OrganizationVersion version;
  version.organization = ReadOrganization(row);
  version.sequence = row.Int64();
  version.valid_from = row.Date();
  if (auto valid_to = row.OptionalDate()) version.valid_to = *valid_to;
  version.change_kind = row.Int();
  version.decision.number = row.String();
  version.decision.date = row.OptionalDate();
  version.decision.issuer = row.String();
  version.related_ids = SplitIds(row.String());
  return version;
}

void BindOrganizationData(ParamBinder& binder, const Organization& org) {
  binder.StringOrNull(org.code)
      .String(org.display_name)
      .EnumValue(org.kind)
      .OptionalInt64(org.parent_id)
      .String(org.enterprise_name)
      .EnumValue(org.ownership)
      .Bool(org.granted_upper_level_powers)
      .OptionalDate(org.established_date)
      .OptionalDate(org.dissolved_date)
      .EnumValue(org.state)
      .OptionalInt64(org.merged_into_id)
      .String(org.path);
}

std::string JoinIds(const std::vector<int64_t>& ids) { return absl::StrJoin(ids, ","); }

std::vector<int64_t> SplitIds(const std::string& text) {
  std::vector<int64_t> ids;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    int64_t id = 0;
    if (absl::SimpleAtoi(part, &id)) ids.push_back(id);
  }
  return ids;
}

}  // namespace dangbo::membership::internal
