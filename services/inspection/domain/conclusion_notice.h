// Thông báo kết luận (seed 002): what an issued notice needs, and why it never changes once
// issued — a correction is a new revision that names the one it supersedes, and both stay
// readable.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_CONCLUSION_NOTICE_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_CONCLUSION_NOTICE_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// A revision is issued once it carries an issue date.
bool IsIssued(const ConclusionNotice& notice);

// What issuing `notice` for `inspection` requires (FAILED_PRECONDITION naming the field):
// a number; an issue date not before the inspection's conclusion and not after `today`; at
// least one of the four sections; every required task with text, an assignee and a due date
// not before the issue date; a distribution list (nơi nhận).
absl::Status CheckIssue(const ConclusionNotice& notice, const Inspection& inspection, Date today);

// A change to a stored revision: any change to an issued one is FAILED_PRECONDITION; a draft
// may change freely except its inspection and revision.
absl::Status CheckEdit(const ConclusionNotice& stored, const ConclusionNotice& edited);

// The correction of `issued` (the inspection's current revision): `correction` with its
// revision set to issued.revision + 1 and supersedes_revision to issued.revision. It must give
// a correction_reason, pass CheckIssue, and not be dated before the revision it corrects.
absl::StatusOr<ConclusionNotice> MakeCorrection(const ConclusionNotice& issued,
                                                ConclusionNotice correction,
                                                const Inspection& inspection, Date today);

// The revision in force among all of an inspection's revisions: the highest issued one; none
// when nothing has been issued.
const ConclusionNotice* CurrentRevision(const std::vector<ConclusionNotice>& revisions);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_CONCLUSION_NOTICE_H_
