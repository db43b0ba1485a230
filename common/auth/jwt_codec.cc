#include "common/auth/jwt_codec.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string_view>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "jwt/jwt.hpp"

namespace dangbo::auth {
namespace {

// Far above any token we issue; bounds the work an unauthenticated caller can cause.
constexpr size_t kMaxTokenBytes = 8 * 1024;

bool IsBase64UrlSegment(absl::string_view segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
    return absl::ascii_isalnum(c) || c == '-' || c == '_';
  });
}

absl::Status Unauthenticated(absl::string_view reason) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", reason));
}

// Our own look at the header before cpp-jwt sees the token: cpp-jwt matches algorithm names
// case-insensitively and throws from places that are not obvious on malformed headers.
absl::Status CheckHeader(absl::string_view encoded_header, Algorithm pinned) {
  std::string header_json;
  if (!absl::WebSafeBase64Unescape(encoded_header, &header_json)) {
    return Unauthenticated("header is not base64url");
  }
  nlohmann::json header = nlohmann::json::parse(header_json, nullptr, /*allow_exceptions=*/false);
  if (!header.is_object()) return Unauthenticated("header is not a JSON object");
  auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string()) return Unauthenticated("header has no alg");
  if (alg->get<std::string>() != AlgorithmName(pinned)) {
    return Unauthenticated("algorithm not accepted");
  }
  return absl::OkStatus();
}

absl::string_view DescribeJwtError(const std::error_code& ec) {
  if (ec == jwt::VerificationErrc::TokenExpired) return "expired";
  if (ec == jwt::VerificationErrc::ImmatureSignature) return "not yet valid";
  if (ec == jwt::VerificationErrc::InvalidIssuer) return "wrong issuer";
  if (ec == jwt::VerificationErrc::InvalidAudience) return "wrong audience";
  if (ec == jwt::VerificationErrc::InvalidAlgorithm) return "algorithm not accepted";
  if (ec == jwt::VerificationErrc::TypeConversionError) return "malformed registered claim";
  if (ec == jwt::VerificationErrc::InvalidSignature || ec == jwt::AlgorithmErrc::VerificationErr) {
    return "bad signature";
  }
  if (ec == jwt::AlgorithmErrc::NoneAlgorithmUsed) return "unsigned";
  return "malformed";
}

}  // namespace

absl::string_view AlgorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kRS256:
      return "RS256";
    case Algorithm::kES256:
      return "ES256";
  }
  return "unknown";
}

std::optional<Algorithm> ParseAlgorithm(absl::string_view name) {
  if (name == "RS256") return Algorithm::kRS256;
  if (name == "ES256") return Algorithm::kES256;
  return std::nullopt;
}

absl::Status CheckCompactForm(absl::string_view token, Algorithm pinned) {
  if (token.size() > kMaxTokenBytes) return Unauthenticated("too long");
  std::vector<absl::string_view> segments = absl::StrSplit(token, '.');
  if (segments.size() != 3 || !std::all_of(segments.begin(), segments.end(), IsBase64UrlSegment)) {
    return Unauthenticated("not a signed compact JWT");
  }
  return CheckHeader(segments[0], pinned);
}

absl::StatusOr<nlohmann::json> VerifySignedPayload(absl::string_view token,
                                                   const SignatureCheck& check) {
  if (absl::Status form = CheckCompactForm(token, check.algorithm); !form.ok()) return form;

  const std::string algorithm_name(AlgorithmName(check.algorithm));
  const std::string_view token_view(token.data(), token.size());
  const auto leeway_seconds =
      static_cast<uint32_t>(std::clamp<int64_t>(absl::ToInt64Seconds(check.leeway), 0, 3600));
  try {
    std::error_code ec;
    jwt::jwt_object decoded =
        jwt::decode(token_view, jwt::params::algorithms({algorithm_name}), ec,
                    jwt::params::secret(check.public_key_pem), jwt::params::issuer(check.issuer),
                    jwt::params::aud(check.audience), jwt::params::leeway(leeway_seconds),
                    jwt::params::verify(true));
    if (ec) return Unauthenticated(DescribeJwtError(ec));
    return decoded.payload().create_json_obj();
  } catch (const std::exception&) {
    // cpp-jwt throws nlohmann type errors from header and claim accessors on odd input.
    return Unauthenticated("malformed");
  }
}

absl::StatusOr<std::string> SignPayload(const SigningKey& key, const nlohmann::json& payload) {
  if (!payload.is_object()) return absl::InvalidArgumentError("JWT payload must be an object");
  try {
    const std::string algorithm_name(AlgorithmName(key.algorithm));
    jwt::jwt_object object{jwt::params::algorithm(algorithm_name),
                           jwt::params::secret(key.private_key_pem)};
    for (const auto& [name, value] : payload.items()) object.add_claim(name, value);
    std::error_code ec;
    std::string token = object.signature(ec);
    if (ec) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot sign with the given ", AlgorithmName(key.algorithm),
                       " private key (is it a PEM key of that type?)"));
    }
    return token;
  } catch (const std::exception&) {
    return absl::InvalidArgumentError("cannot sign the JWT payload");
  }
}

}  // namespace dangbo::auth
