#include "common/auth/action.h"

namespace dangbo::auth {

absl::string_view ActionName(Action action) {
  switch (action) {
    case Action::kReadOrganization:
      return "reading organizations";
    case Action::kWriteOrganization:
      return "changing organizations";
    case Action::kReadMember:
      return "reading members";
    case Action::kWriteMember:
      return "changing members";
    case Action::kReadPersonalData:
      return "reading personal data";
    case Action::kReadInspection:
      return "reading inspections";
    case Action::kWriteInspection:
      return "changing inspections";
    case Action::kReadStatistics:
      return "reading statistics";
    case Action::kWriteSnapshot:
      return "creating report snapshots";
    case Action::kAdminister:
      return "administering rules, targets and rebuilds";
    case Action::kReadChanges:
      return "reading change feeds";
    case Action::kRecordExpulsion:
      return "recording expulsions";
    case Action::kRecordDissolution:
      return "recording dissolutions decided by discipline";
    case Action::kRecordViolationCase:
      return "recording violation cases";
  }
  return "an unknown action";
}

}  // namespace dangbo::auth
