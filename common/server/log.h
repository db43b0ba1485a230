#ifndef DANGBO_COMMON_SERVER_LOG_H_
#define DANGBO_COMMON_SERVER_LOG_H_

// One JSON object per line on stderr, the shape log collectors expect (design.md §2):
//   {"time":"2026-11-23T07:35:53.123Z","level":"info","msg":"...", <fields>...}
// Lines are written whole under a lock, so lines from concurrent threads never interleave.

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace dangbo::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Extra key/value pairs of a line; insertion order is kept.
using Fields = nlohmann::ordered_json;

// "debug", "info", "warn" (or "warning"), "error".
absl::StatusOr<Level> ParseLevel(std::string_view name);
std::string_view LevelName(Level level);

// Lines below `level` are dropped. The default is kInfo.
void SetMinLevel(Level level);
bool Enabled(Level level);

// The line for these values, without the trailing newline. Invalid UTF-8 in any string is
// replaced with U+FFFD rather than failing, since fields often come from the network.
std::string FormatLine(Level level, absl::Time time, std::string_view message,
                       const Fields& fields);

void Write(Level level, std::string_view message, const Fields& fields = Fields::object());

inline void Debug(std::string_view message, const Fields& fields = Fields::object()) {
  Write(Level::kDebug, message, fields);
}
inline void Info(std::string_view message, const Fields& fields = Fields::object()) {
  Write(Level::kInfo, message, fields);
}
inline void Warn(std::string_view message, const Fields& fields = Fields::object()) {
  Write(Level::kWarn, message, fields);
}
inline void Error(std::string_view message, const Fields& fields = Fields::object()) {
  Write(Level::kError, message, fields);
}

// Receives each finished line (without newline) instead of stderr; an empty function restores
// stderr. For tests that inspect what was logged.
using Sink = std::function<void(std::string_view line)>;
void SetSinkForTesting(Sink sink);

}  // namespace dangbo::log

#endif  // DANGBO_COMMON_SERVER_LOG_H_
