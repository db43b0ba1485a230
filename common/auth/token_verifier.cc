#include "common/auth/token_verifier.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace dangbo::auth {
namespace {

absl::Status Unauthenticated(absl::string_view reason) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", reason));
}

// NumericDate claims we issue are integers; anything else is refused rather than guessed at.
absl::StatusOr<absl::Time> NumericDate(const nlohmann::json& payload, const char* name) {
  auto claim = payload.find(name);
  if (claim == payload.end()) return absl::NotFoundError(name);
  if (claim->is_number_unsigned()) {
    return absl::FromUnixSeconds(static_cast<int64_t>(
        std::min<uint64_t>(claim->get<uint64_t>(), static_cast<uint64_t>(INT64_MAX))));
  }
  if (claim->is_number_integer()) return absl::FromUnixSeconds(claim->get<int64_t>());
  return Unauthenticated(absl::StrCat(name, " is not an integer date"));
}

// cpp-jwt accepts a token without exp and reads dates against the system clock only, so the
// window is checked again here, on the verifier's clock. Returns the expiry.
absl::StatusOr<absl::Time> CheckValidityWindow(const nlohmann::json& payload, absl::Time now,
                                               absl::Duration leeway) {
  absl::StatusOr<absl::Time> expires_at = NumericDate(payload, "exp");
  if (absl::IsNotFound(expires_at.status())) return Unauthenticated("exp is missing");
  if (!expires_at.ok()) return expires_at.status();
  if (now > *expires_at + leeway) return Unauthenticated("expired");

  absl::StatusOr<absl::Time> not_before = NumericDate(payload, "nbf");
  if (!not_before.ok() && !absl::IsNotFound(not_before.status())) return not_before.status();
  if (not_before.ok() && now + leeway < *not_before) return Unauthenticated("not yet valid");

  absl::StatusOr<absl::Time> issued_at = NumericDate(payload, "iat");
  if (!issued_at.ok() && !absl::IsNotFound(issued_at.status())) return issued_at.status();
  if (issued_at.ok() && now + leeway < *issued_at) return Unauthenticated("issued in the future");
  return expires_at;
}

struct Scopes {
  std::vector<int64_t> ids;
  bool whole_tree = false;
};

// Organization ids, or "*" for the whole tree: installation administrators and the service
// identities that follow every change need it, and the root itself has no id to name before it
// exists.
absl::StatusOr<Scopes> ParseScopes(const nlohmann::json& payload) {
  Scopes scopes;
  auto claim = payload.find("scopes");
  if (claim == payload.end()) return scopes;
  if (!claim->is_array()) return Unauthenticated("scopes is not an array");
  for (const nlohmann::json& scope : *claim) {
    if (scope.is_string() && scope.get<std::string>() == kWholeTreeScope) {
      scopes.whole_tree = true;
      continue;
    }
    int64_t id = 0;
    if (scope.is_number_unsigned() && scope.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX)) {
      id = static_cast<int64_t>(scope.get<uint64_t>());
    } else if (scope.is_number_integer()) {
      id = scope.get<int64_t>();
    } else if (!scope.is_string() || !absl::SimpleAtoi(scope.get<std::string>(), &id)) {
      return Unauthenticated("scopes holds something that is not an organization id");
    }
    if (id <= 0) return Unauthenticated("scopes holds a non-positive organization id");
    scopes.ids.push_back(id);
  }
  return scopes;
}

absl::StatusOr<absl::flat_hash_set<Role>> ParseRoles(const nlohmann::json& payload) {
  absl::flat_hash_set<Role> roles;
  auto claim = payload.find("roles");
  if (claim == payload.end()) return roles;
  if (!claim->is_array()) return Unauthenticated("roles is not an array");
  for (const nlohmann::json& name : *claim) {
    if (!name.is_string()) return Unauthenticated("roles holds something that is not a string");
    // Roles this version does not know are skipped, not fatal: an issuer may be newer.
    if (std::optional<Role> role = ParseRole(name.get<std::string>())) roles.insert(*role);
  }
  return roles;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TokenVerifier>> TokenVerifier::Create(TokenVerifierConfig config,
                                                                     Clock clock) {
  absl::StatusOr<VerificationKey> key =
      VerificationKey::Parse(config.public_key_pem, config.algorithm);
  if (!key.ok()) return key.status();
  if (config.issuer.empty()) return absl::InvalidArgumentError("token issuer must be set");
  if (config.audience.empty()) return absl::InvalidArgumentError("token audience must be set");
  if (config.leeway < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("token leeway must not be negative");
  }
  return std::unique_ptr<TokenVerifier>(
      new TokenVerifier(std::move(config), *std::move(key), std::move(clock)));
}

TokenVerifier::TokenVerifier(TokenVerifierConfig config, VerificationKey key, Clock clock)
    : config_(std::move(config)),
      key_(std::move(key)),
      check_{config_.public_key_pem, config_.algorithm, config_.issuer, config_.audience,
             config_.leeway},
      clock_(std::move(clock)),
      cache_(config_.cache_capacity) {}

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token) const {
  const absl::Time now = clock_();
  if (std::optional<Principal> cached = PeekVerified(token, now)) return *std::move(cached);
  return VerifyUncached(token, now);
}

std::optional<Principal> TokenVerifier::PeekVerified(absl::string_view token) const {
  return PeekVerified(token, clock_());
}

std::optional<Principal> TokenVerifier::PeekVerified(absl::string_view token,
                                                     absl::Time now) const {
  if (config_.cache_capacity == 0) return std::nullopt;
  return cache_.Lookup(token, now);
}

absl::StatusOr<Principal> TokenVerifier::VerifyUncached(absl::string_view token,
                                                        absl::Time now) const {
  if (absl::Status form = CheckCompactForm(token, config_.algorithm); !form.ok()) return form;
  if (!key_.SignatureMatches(token)) return Unauthenticated("bad signature");
  absl::StatusOr<nlohmann::json> payload = VerifySignedPayload(token, check_);
  if (!payload.ok()) return payload.status();

  absl::StatusOr<absl::Time> expires_at = CheckValidityWindow(*payload, now, config_.leeway);
  if (!expires_at.ok()) return expires_at.status();
  auto subject = payload->find("sub");
  if (subject == payload->end() || !subject->is_string() || subject->get<std::string>().empty()) {
    return Unauthenticated("sub is missing");
  }
  absl::StatusOr<absl::flat_hash_set<Role>> roles = ParseRoles(*payload);
  if (!roles.ok()) return roles.status();
  absl::StatusOr<Scopes> scopes = ParseScopes(*payload);
  if (!scopes.ok()) return scopes.status();

  Principal principal;
  principal.subject = subject->get<std::string>();
  principal.issuer = config_.issuer;
  principal.roles = *std::move(roles);
  principal.scopes = std::move(scopes->ids);
  principal.unlimited_scope = scopes->whole_tree;
  principal.is_service = principal.HasRole(Role::kService);
  // Cached until exp itself, not exp + leeway: a token inside its leeway is verified afresh.
  if (config_.cache_capacity > 0 && now < *expires_at) {
    cache_.Insert(token, principal, *expires_at);
  }
  return principal;
}

}  // namespace dangbo::auth
