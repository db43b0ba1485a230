#ifndef DANGBO_COMMON_AUTH_AUTHENTICATOR_H_
#define DANGBO_COMMON_AUTH_AUTHENTICATOR_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "common/auth/token_verifier.h"

namespace dangbo::auth {

using ClientMetadata = std::multimap<grpc::string_ref, grpc::string_ref>;

struct AuthenticatorOptions {
  // Verifies `authorization: Bearer <jwt>`; null means the server accepts no tokens.
  std::shared_ptr<const TokenVerifier> verifier;
  // Peer certificate SAN URI (e.g. "spiffe://dangbo/inspection") -> the service principal it
  // stands for. Consulted only for peers whose certificate the TLS layer verified.
  absl::flat_hash_map<std::string, Principal> peer_identities;
  // Every call becomes an admin with personal data rights over all organizations. For local
  // experiments only; construction warns on stderr.
  bool insecure_dev = false;
};

// Names the caller of each RPC. A bearer token wins over the peer certificate, so a person
// calling through a service's mTLS channel is still that person.
class Authenticator {
 public:
  explicit Authenticator(AuthenticatorOptions options);

  // UNAUTHENTICATED when no credential is present or the one present is not valid.
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const;

  // The same from the parts of a context; `peer` may be null (plaintext connection).
  absl::StatusOr<Principal> Authenticate(const ClientMetadata& metadata,
                                         const grpc::AuthContext* peer) const;

  // A cheap name for the caller of a call, for logs. Never checks a signature: a token that
  // is not already in the verification cache is shown as "unverified", never by its claims.
  std::string CallerForLog(const ClientMetadata& metadata) const;

  // The principal every call gets in insecure development mode.
  static Principal InsecureDevPrincipal();

 private:
  // `peer` is asked for only when the call carries no bearer token.
  absl::StatusOr<Principal> Authenticate(
      const ClientMetadata& metadata,
      absl::FunctionRef<const grpc::AuthContext*()> peer) const;
  absl::StatusOr<Principal> AuthenticatePeer(const grpc::AuthContext* peer) const;

  const AuthenticatorOptions options_;
};

// The bearer token of `metadata`: NOT_FOUND when there is no authorization header,
// UNAUTHENTICATED when it is not a single well-formed bearer credential.
absl::StatusOr<absl::string_view> BearerToken(const ClientMetadata& metadata);

// Adds `authorization: Bearer <token>` to one outgoing call. Works on plaintext channels too,
// unlike grpc::AccessTokenCredentials, which gRPC refuses to send without TLS.
void AttachToken(grpc::ClientContext& context, absl::string_view token);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_AUTHENTICATOR_H_
