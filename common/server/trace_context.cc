#include "common/server/trace_context.h"

#include <random>

#include "absl/strings/str_cat.h"

namespace dangbo::server {
namespace {

constexpr size_t kTraceIdDigits = 32;
constexpr size_t kParentIdDigits = 16;
constexpr size_t kVersion00Length = 55;  // 2 + 1 + 32 + 1 + 16 + 1 + 2

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsAllZero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

}  // namespace

std::optional<TraceParent> ParseTraceParent(std::string_view value) {
  if (value.size() < kVersion00Length) return std::nullopt;
  const std::string_view version = value.substr(0, 2);
  if (!IsLowerHex(version) || version == "ff") return std::nullopt;
  // A later version may append fields after a dash; version 00 must end here.
  if (value.size() > kVersion00Length && (version == "00" || value[kVersion00Length] != '-')) {
    return std::nullopt;
  }
  if (value[2] != '-' || value[35] != '-' || value[52] != '-') return std::nullopt;
  const std::string_view trace_id = value.substr(3, kTraceIdDigits);
  const std::string_view parent_id = value.substr(36, kParentIdDigits);
  const std::string_view flags = value.substr(53, 2);
  if (!IsLowerHex(trace_id) || !IsLowerHex(parent_id) || !IsLowerHex(flags)) return std::nullopt;
  if (IsAllZero(trace_id) || IsAllZero(parent_id)) return std::nullopt;
  return TraceParent{std::string(trace_id), std::string(parent_id), std::string(flags)};
}

std::string FormatTraceParent(const TraceParent& trace_parent) {
  return absl::StrCat("00-", trace_parent.trace_id, "-", trace_parent.parent_id, "-",
                      trace_parent.flags);
}

std::string RandomTraceHex(size_t hex_digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  thread_local std::mt19937_64 engine(std::random_device{}());
  std::uniform_int_distribution<int> digit(0, 15);
  std::string out(hex_digits, '0');
  while (IsAllZero(out)) {
    for (char& c : out) c = kDigits[digit(engine)];
  }
  return out;
}

}  // namespace dangbo::server
