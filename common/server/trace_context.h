#ifndef DANGBO_COMMON_SERVER_TRACE_CONTEXT_H_
#define DANGBO_COMMON_SERVER_TRACE_CONTEXT_H_

// W3C Trace Context `traceparent`: "<version>-<trace-id>-<parent-id>-<flags>", e.g.
// "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01". Only the trace id is logged; a
// service passes it on with a span id of its own so one request can be followed across services.

#include <optional>
#include <string>
#include <string_view>

namespace dangbo::server {

inline constexpr char kTraceParentHeader[] = "traceparent";

struct TraceParent {
  std::string trace_id;   // 32 lowercase hex digits, not all zero.
  std::string parent_id;  // 16 lowercase hex digits, not all zero.
  std::string flags;      // 2 lowercase hex digits; "01" means sampled.
};

// nullopt for anything the W3C spec says to ignore: wrong lengths, upper-case or non-hex
// digits, all-zero ids, version "ff", or version 00 with trailing data.
std::optional<TraceParent> ParseTraceParent(std::string_view value);

// Version 00 header value.
std::string FormatTraceParent(const TraceParent& trace_parent);

// A random id of `hex_digits` lowercase hex digits that is not all zero.
std::string RandomTraceHex(size_t hex_digits);

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_TRACE_CONTEXT_H_
