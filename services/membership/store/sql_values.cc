#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {

int EffectivePageSize(int requested) {
  if (requested <= 0) return kDefaultPageSize;
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

}  // namespace dangbo::membership::internal
