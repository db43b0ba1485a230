// How an Organization and its history rows map to columns of `organizations` and
// `organization_versions`.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_ORGANIZATION_ROWS_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_ORGANIZATION_ROWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"
#include "services/membership/domain/model.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership::internal {

// "id, code, …, update_time" qualified with `alias.`; the order ReadOrganization expects.
// Both tables share these column names, so one list serves current and history rows.
std::string OrganizationColumns(const std::string& alias);
Organization ReadOrganization(RowReader& row);

// Every column of an organization_versions row, in ReadOrganizationVersion's order: the
// organization (its id from organization_id), then the history columns.
std::string OrganizationVersionColumns(const std::string& alias);
OrganizationVersion ReadOrganizationVersion(RowReader& row);

// Binds code … path in the order of kOrganizationDataColumns.
inline constexpr const char* kOrganizationDataColumns[] = {"code",
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
                                                           "path"};
void BindOrganizationData(ParamBinder& binder, const Organization& org);

// "3,7" <-> {3, 7}.
std::string JoinIds(const std::vector<int64_t>& ids);
std::vector<int64_t> SplitIds(const std::string& text);

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_ORGANIZATION_ROWS_H_
