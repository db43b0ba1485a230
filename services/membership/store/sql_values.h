// The membership store's names for the shared row helpers (common/db/sql_row.h), and its
// page-size bounds.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_SQL_VALUES_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_SQL_VALUES_H_

#include "common/db/sql_row.h"

namespace dangbo::membership::internal {

using db::AssignmentList;
using db::BoundValues;
using db::ColumnList;
using db::FormatSqlTime;
using db::NowMicros;
using db::ParamBinder;
using db::ParseSqlTime;
using db::Placeholders;
using db::RowReader;

// Page sizes outside 1..kMaxPageSize are clamped; 0 or less means the default. The API's largest
// page is 1000; it reads one row more to learn whether another page follows.
inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1001;
int EffectivePageSize(int requested);

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_SQL_VALUES_H_
