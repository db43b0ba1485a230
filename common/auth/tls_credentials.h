#ifndef DANGBO_COMMON_AUTH_TLS_CREDENTIALS_H_
#define DANGBO_COMMON_AUTH_TLS_CREDENTIALS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace dangbo::auth {

// TLS server credentials from PEM files. With a `client_ca_file`, client certificates signed by
// it are verified (and then name service principals, see AuthenticatorOptions); with
// `require_client_cert` a peer without one cannot connect at all. NOT_FOUND / FAILED_PRECONDITION
// when a file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromFiles(
    const std::string& cert_file, const std::string& key_file, const std::string& client_ca_file,
    bool require_client_cert);

// TLS channel credentials trusting `ca_file`, presenting `cert_file`/`key_file` as the client
// certificate when both are non-empty.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFromFiles(
    const std::string& ca_file, const std::string& cert_file, const std::string& key_file);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_TLS_CREDENTIALS_H_
