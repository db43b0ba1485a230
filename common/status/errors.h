#ifndef DANGBO_COMMON_STATUS_ERRORS_H_
#define DANGBO_COMMON_STATUS_ERRORS_H_

// Rich errors in the shape AIP-193 asks for: a code, a message that names the field or resource,
// and google.rpc details a client program can act on without parsing the message.

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace dangbo::status {

// ErrorInfo.domain for every error the dangbo services raise.
inline constexpr std::string_view kErrorDomain = "dangbo";

// ErrorInfo reasons shared by the services (UPPER_SNAKE_CASE, as AIP-193 requires).
inline constexpr std::string_view kReasonEtagMismatch = "ETAG_MISMATCH";
inline constexpr std::string_view kReasonStateTransitionNotAllowed = "STATE_TRANSITION_NOT_ALLOWED";
inline constexpr std::string_view kReasonOutsideScope = "OUTSIDE_SCOPE";

struct FieldViolation {
  std::string field;  // Request field path, e.g. "member.full_name".
  std::string description;
};

// INVALID_ARGUMENT "<field>: <description>" with a google.rpc.BadRequest naming the field.
absl::Status InvalidField(std::string_view field, std::string_view description);

// INVALID_ARGUMENT with one BadRequest listing every violation; the message joins them with
// "; ". `violations` must not be empty.
absl::Status InvalidFields(absl::Span<const FieldViolation> violations);

// `status` with a google.rpc.ErrorInfo attached (replacing any earlier one). OK stays OK.
absl::Status WithErrorInfo(absl::Status status, std::string_view reason,
                           std::string_view domain = kErrorDomain,
                           const std::map<std::string, std::string>& metadata = {});

// NOT_FOUND "<resource_type> "<resource_name>" not found" with google.rpc.ResourceInfo.
// `resource_type` is the resource's type name, e.g. "dangbo.membership.v1.Member".
absl::Status NotFound(std::string_view resource_type, std::string_view resource_name);

// ALREADY_EXISTS, the counterpart of NotFound, with google.rpc.ResourceInfo.
absl::Status AlreadyExists(std::string_view resource_type, std::string_view resource_name);

// FAILED_PRECONDITION "<subject>: <description>" with a google.rpc.PreconditionFailure whose
// violation has `type` (e.g. "STATE", "TERM"), `subject` (resource name or field) and the
// description.
absl::Status FailedPrecondition(std::string_view type, std::string_view subject,
                                std::string_view description);

// FAILED_PRECONDITION for a state machine that refuses a transition, with ErrorInfo reason
// STATE_TRANSITION_NOT_ALLOWED and metadata {resource, from, to}.
absl::Status StateTransitionNotAllowed(std::string_view resource_name, std::string_view from,
                                       std::string_view to);

// ABORTED "etag: ..." for an update whose etag no longer matches (AIP-154), with ErrorInfo
// reason ETAG_MISMATCH and metadata {resource, field: "etag"}.
absl::Status EtagMismatch(std::string_view resource_name);

// A domain rule's error placed in the request: domain rules name their own fields
// ("citizen_id: ..."), the adapter knows the path to them ("member.personal_data"), so the
// message becomes "member.personal_data.citizen_id: ...". Same code and payloads; OK and an
// empty `field` pass through unchanged.
absl::Status Prefixed(std::string_view field, absl::Status status);

// The field a message in that shape names ("<field>: <description>", the field a path without
// spaces), or empty when the message names none.
std::string_view FieldNamedBy(std::string_view message);

}  // namespace dangbo::status

#endif  // DANGBO_COMMON_STATUS_ERRORS_H_
