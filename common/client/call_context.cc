#include "common/client/call_context.h"

#include <sys/stat.h>

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/authenticator.h"
#include "common/auth/token_file.h"
#include "common/server/propagate.h"

namespace dangbo::client {

CallContextFactory::CallContextFactory(std::string token_file, absl::Duration default_deadline)
    : token_file_(std::move(token_file)), default_deadline_(default_deadline) {}

absl::StatusOr<std::unique_ptr<grpc::ClientContext>> CallContextFactory::New(
    const grpc::ServerContext* incoming) const {
  return New(incoming, default_deadline_);
}

absl::StatusOr<std::unique_ptr<grpc::ClientContext>> CallContextFactory::New(
    const grpc::ServerContext* incoming, absl::Duration max) const {
  absl::StatusOr<std::string> token = Token();
  if (!token.ok()) return token.status();
  auto context = std::make_unique<grpc::ClientContext>();
  if (incoming != nullptr) {
    server::PropagateToClient(*incoming, *context, max);
  } else {
    context->set_deadline(absl::ToChronoTime(absl::Now() + max));
  }
  if (!token->empty()) auth::AttachToken(*context, *token);
  return context;
}

absl::StatusOr<std::string> CallContextFactory::Token() const {
  if (token_file_.empty()) return std::string();
  // One stat per call is cheaper than a watcher thread and sees a Kubernetes secret swap (a
  // symlink replaced) as well as an in-place rewrite.
  struct stat info {};
  FileStamp stamp;
  if (::stat(token_file_.c_str(), &info) == 0) {
    stamp = FileStamp{.device = info.st_dev,
                      .inode = info.st_ino,
                      .size = info.st_size,
                      .modified_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                                     info.st_mtim.tv_nsec};
  }
  absl::MutexLock lock(&mu_);
  if (!token_.empty() && stamp == stamp_) return token_;
  absl::StatusOr<std::string> read = auth::ReadTokenFile(token_file_);
  if (read.ok() && !read->empty()) {
    token_ = *std::move(read);
    stamp_ = stamp;
    return token_;
  }
  // Mid-rotation the file may be briefly missing or empty: the last good token still works
  // until it expires, and the next call looks again.
  if (!token_.empty()) return token_;
  return absl::UnavailableError(
      absl::StrCat("token file ", token_file_, ": ",
                   read.ok() ? std::string("is empty") : std::string(read.status().message())));
}

}  // namespace dangbo::client
