#include "common/server/log.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"

namespace dangbo::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

std::mutex& SinkMutex() {
  static std::mutex mutex;
  return mutex;
}

Sink& TestSink() {
  static Sink sink;
  return sink;
}

void WriteAllToStderr(const std::string& line) {
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // Nowhere left to report a broken stderr.
    written += static_cast<size_t>(n);
  }
}

}  // namespace

absl::StatusOr<Level> ParseLevel(std::string_view name) {
  const std::string lower = absl::AsciiStrToLower(ToAbsl(name));
  if (lower == "debug") return Level::kDebug;
  if (lower == "info") return Level::kInfo;
  if (lower == "warn" || lower == "warning") return Level::kWarn;
  if (lower == "error") return Level::kError;
  return absl::InvalidArgumentError(
      absl::StrCat("log level \"", ToAbsl(name), "\" is not one of debug, info, warn, error"));
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

void SetMinLevel(Level level) { g_min_level.store(static_cast<int>(level)); }

bool Enabled(Level level) { return static_cast<int>(level) >= g_min_level.load(); }

std::string FormatLine(Level level, absl::Time time, std::string_view message,
                       const Fields& fields) {
  Fields line = Fields::object();
  line["time"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
  line["level"] = LevelName(level);
  line["msg"] = message;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  return line.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

void Write(Level level, std::string_view message, const Fields& fields) {
  if (!Enabled(level)) return;
  std::string line = FormatLine(level, absl::Now(), message, fields);
  std::lock_guard<std::mutex> lock(SinkMutex());
  if (TestSink()) {
    TestSink()(line);
    return;
  }
  line.push_back('\n');
  WriteAllToStderr(line);
}

void SetSinkForTesting(Sink sink) {
  std::lock_guard<std::mutex> lock(SinkMutex());
  TestSink() = std::move(sink);
}

}  // namespace dangbo::log
