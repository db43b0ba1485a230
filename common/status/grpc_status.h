#ifndef DANGBO_COMMON_STATUS_GRPC_STATUS_H_
#define DANGBO_COMMON_STATUS_GRPC_STATUS_H_

// The one place where absl::Status meets grpc::Status (gRPC 1.51 has no converter). Details
// travel as a serialized google.rpc.Status in grpc-status-details-bin, which is what grpc-java,
// grpc-go, grpcio-status and grpc-js clients decode.

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace dangbo::status {

// Same code (absl codes equal gRPC codes; anything outside 0..16 becomes UNKNOWN) and message;
// every payload becomes a google.protobuf.Any in the binary details.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The reverse, for calls from one service to another: keeps the details as payloads, so
// GetDetail<google::rpc::BadRequest>() works on what a downstream service answered.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace dangbo::status

#endif  // DANGBO_COMMON_STATUS_GRPC_STATUS_H_
