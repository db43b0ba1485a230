// How every call one service makes to another is dressed: the service's own
// bearer token (re-read when its file changes, so a rotated token is picked up without a
// restart) and the deadline and trace of the call being served, or a default deadline for
// background work (design.md §5).
#ifndef DANGBO_COMMON_CLIENT_CALL_CONTEXT_H_
#define DANGBO_COMMON_CLIENT_CALL_CONTEXT_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"

namespace dangbo::client {

class CallContextFactory {
 public:
  // `token_file` empty: calls carry no bearer token, and the channel's mTLS client certificate
  // alone identifies the service. `default_deadline` bounds every call.
  CallContextFactory(std::string token_file, absl::Duration default_deadline);

  CallContextFactory(const CallContextFactory&) = delete;
  CallContextFactory& operator=(const CallContextFactory&) = delete;

  // A fresh context for one call. With `incoming`, its deadline is the earlier of the incoming
  // one (less a margin) and now + default deadline, and it carries the incoming trace; without,
  // now + default deadline. UNAVAILABLE when the token file cannot be read and no earlier token
  // is known.
  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> New(
      const grpc::ServerContext* incoming) const;
  // Same with another bound than the default deadline (the dispatcher's longer calls).
  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> New(const grpc::ServerContext* incoming,
                                                           absl::Duration max) const;

  absl::Duration default_deadline() const { return default_deadline_; }

 private:
  // What tells that the token file was replaced or rewritten.
  struct FileStamp {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = -1;
    int64_t modified_ns = 0;
    bool operator==(const FileStamp&) const = default;
  };

  absl::StatusOr<std::string> Token() const;

  const std::string token_file_;
  const absl::Duration default_deadline_;
  mutable absl::Mutex mu_;
  mutable std::string token_ ABSL_GUARDED_BY(mu_);
  mutable FileStamp stamp_ ABSL_GUARDED_BY(mu_);
};

}  // namespace dangbo::client

#endif  // DANGBO_COMMON_CLIENT_CALL_CONTEXT_H_
