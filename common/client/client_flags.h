// The flags of a client of another dangbo service, the same in every binary that calls it:
// DANGBO_CLIENT_FLAGS(membership, "localhost:50051") defines --membership_address,
// --membership_token_file, --membership_tls_ca_file, --membership_tls_cert_file and
// --membership_tls_key_file (each also DANGBO_<NAME> from the environment, common/server/flags.h).
// Use once per service called, at global scope in one .cc file of the binary; read them with
// DANGBO_CLIENT_FLAG_VALUES.
#ifndef DANGBO_COMMON_CLIENT_CLIENT_FLAGS_H_
#define DANGBO_COMMON_CLIENT_CLIENT_FLAGS_H_

#include <string>

#include "absl/flags/flag.h"

#define DANGBO_CLIENT_FLAGS(name, default_address)                                            \
  ABSL_FLAG(std::string, name##_address, default_address,                                     \
            "The " #name " service's gRPC address (host:port)");                              \
  ABSL_FLAG(std::string, name##_token_file, "",                                               \
            "File holding this service's bearer token for " #name " (a mounted secret); "    \
            "re-read when it changes. Empty: the mTLS client certificate alone identifies "   \
            "the service");                                                                   \
  ABSL_FLAG(std::string, name##_tls_ca_file, "",                                              \
            "CA that signed " #name "'s server certificate (PEM); enables TLS");              \
  ABSL_FLAG(std::string, name##_tls_cert_file, "",                                            \
            "Client certificate presented to " #name " (PEM); enables mTLS with the key");    \
  ABSL_FLAG(std::string, name##_tls_key_file, "", "Private key of the client certificate (PEM)")

// The designated initializers of the flags' values, for a struct with the fields address,
// token_file, tls_ca_file, tls_cert_file and tls_key_file (client::ChannelOptions and the like).
#define DANGBO_CLIENT_FLAG_VALUES(name)                          \
  .address = absl::GetFlag(FLAGS_##name##_address),              \
  .token_file = absl::GetFlag(FLAGS_##name##_token_file),        \
  .tls_ca_file = absl::GetFlag(FLAGS_##name##_tls_ca_file),      \
  .tls_cert_file = absl::GetFlag(FLAGS_##name##_tls_cert_file),  \
  .tls_key_file = absl::GetFlag(FLAGS_##name##_tls_key_file)

#endif  // DANGBO_COMMON_CLIENT_CLIENT_FLAGS_H_
