#include "common/auth/authenticator.h"

#include <grpc/grpc_security_constants.h>

#include <iostream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace dangbo::auth {
namespace {

constexpr absl::string_view kAuthorizationKey = "authorization";
constexpr absl::string_view kBearerScheme = "bearer ";

absl::string_view View(grpc::string_ref ref) { return absl::string_view(ref.data(), ref.size()); }

}  // namespace

absl::StatusOr<absl::string_view> BearerToken(const ClientMetadata& metadata) {
  auto [first, last] =
      metadata.equal_range(grpc::string_ref(kAuthorizationKey.data(), kAuthorizationKey.size()));
  if (first == last) return absl::NotFoundError("no authorization header");
  if (std::next(first) != last) {
    return absl::UnauthenticatedError("more than one authorization header");
  }
  absl::string_view value = View(first->second);
  if (!absl::StartsWithIgnoreCase(value, kBearerScheme)) {
    return absl::UnauthenticatedError("authorization header is not a bearer credential");
  }
  absl::string_view token = absl::StripAsciiWhitespace(value.substr(kBearerScheme.size()));
  if (token.empty()) return absl::UnauthenticatedError("empty bearer token");
  return token;
}

void AttachToken(grpc::ClientContext& context, absl::string_view token) {
  context.AddMetadata(std::string(kAuthorizationKey), absl::StrCat("Bearer ", token));
}

Authenticator::Authenticator(AuthenticatorOptions options) : options_(std::move(options)) {
  if (options_.insecure_dev) {
    std::cerr << R"({"severity":"WARNING","logger":"auth","message":")"
              << "INSECURE DEVELOPMENT MODE: authentication is off; every caller is an admin "
                 "with personal data rights over every organization. Never run this way "
                 "outside a developer's machine."
              << "\"}" << std::endl;
  }
}

Principal Authenticator::InsecureDevPrincipal() {
  Principal principal;
  principal.subject = "insecure-dev";
  principal.issuer = "insecure-dev";
  principal.roles = {Role::kAdmin, Role::kPersonalData};
  principal.unlimited_scope = true;
  return principal;
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  // gRPC builds the peer's auth context on first use, an allocation per call; a call that
  // carries a bearer token never needs it.
  std::shared_ptr<const grpc::AuthContext> peer;
  return Authenticate(context.client_metadata(), [&]() {
    peer = context.auth_context();
    return peer.get();
  });
}

absl::StatusOr<Principal> Authenticator::Authenticate(const ClientMetadata& metadata,
                                                      const grpc::AuthContext* peer) const {
  return Authenticate(metadata, [peer]() { return peer; });
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    const ClientMetadata& metadata,
    absl::FunctionRef<const grpc::AuthContext*()> peer) const {
  if (options_.insecure_dev) return InsecureDevPrincipal();
  absl::StatusOr<absl::string_view> token = BearerToken(metadata);
  if (token.ok()) {
    if (options_.verifier == nullptr) {
      return absl::UnauthenticatedError("this server accepts no bearer tokens");
    }
    return options_.verifier->Verify(*token);
  }
  if (!absl::IsNotFound(token.status())) return token.status();
  return AuthenticatePeer(peer());
}

absl::StatusOr<Principal> Authenticator::AuthenticatePeer(const grpc::AuthContext* peer) const {
  if (peer == nullptr || !peer->IsPeerAuthenticated()) {
    return absl::UnauthenticatedError("no credentials: send authorization: Bearer <token>");
  }
  // gRPC 1.51 lists each URI SAN of a verified peer certificate under "peer_uri".
  for (const grpc::string_ref& uri : peer->FindPropertyValues(GRPC_PEER_URI_PROPERTY_NAME)) {
    auto identity = options_.peer_identities.find(View(uri));
    if (identity != options_.peer_identities.end()) {
      Principal principal = identity->second;
      principal.is_service = true;
      return principal;
    }
  }
  return absl::UnauthenticatedError("peer certificate names no known service identity");
}

std::string Authenticator::CallerForLog(const ClientMetadata& metadata) const {
  if (options_.insecure_dev) return "insecure-dev";
  absl::StatusOr<absl::string_view> token = BearerToken(metadata);
  if (absl::IsNotFound(token.status())) return "no-token";
  if (!token.ok() || options_.verifier == nullptr) return "unverified";
  std::optional<Principal> principal = options_.verifier->PeekVerified(*token);
  return principal ? principal->subject : "unverified";
}

}  // namespace dangbo::auth
