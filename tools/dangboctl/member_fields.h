#ifndef DANGBO_TOOLS_DANGBOCTL_MEMBER_FIELDS_H_
#define DANGBO_TOOLS_DANGBOCTL_MEMBER_FIELDS_H_

// Which Member fields a caller gives (the rest are output only), shared by `members create`,
// `members update` and the columns of `members import`.

#include <string>
#include <vector>

namespace dangbo::ctl {

// Paths in dangbo.membership.v1.Member that creating or importing a member sets.
const std::vector<std::string>& MemberInputFields();

// The profile paths UpdateMember accepts (state, organization and lifecycle dates change only
// through events).
const std::vector<std::string>& MemberProfileFields();

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_MEMBER_FIELDS_H_
