#include "common/server/log.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace dangbo::log {
namespace {

const absl::Time kNoon = absl::FromUnixSeconds(1795435200) + absl::Milliseconds(42);

TEST(FormatLine, StartsWithRfc3339UtcTimeLevelAndMessage) {
  EXPECT_EQ(FormatLine(Level::kInfo, kNoon, "migrated", {{"version", 3}}),
            R"({"time":"2026-11-23T12:00:00.042Z","level":"info","msg":"migrated","version":3})");
}

TEST(FormatLine, EscapesQuotesControlCharactersAndKeepsVietnamese) {
  const std::string line =
      FormatLine(Level::kWarn, kNoon, "tên \"lạ\"\n", {{"name", std::string("a\0b", 3)}});
  nlohmann::json parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["msg"], "tên \"lạ\"\n");
  EXPECT_EQ(parsed["name"], std::string("a\0b", 3));
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(FormatLine, InvalidUtf8_IsReplacedNotThrown) {
  const std::string line = FormatLine(Level::kError, kNoon, "bad \xff bytes", Fields::object());
  EXPECT_NO_THROW(nlohmann::json::parse(line));
}

TEST(ParseLevel, AcceptsKnownNamesAndRejectsOthers) {
  EXPECT_EQ(*ParseLevel("DEBUG"), Level::kDebug);
  EXPECT_EQ(*ParseLevel("warning"), Level::kWarn);
  EXPECT_EQ(ParseLevel("loud").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Write, BelowMinLevel_IsDropped) {
  std::vector<std::string> lines;
  SetSinkForTesting([&lines](std::string_view line) { lines.emplace_back(line); });
  SetMinLevel(Level::kWarn);
  Info("quiet");
  Warn("loud");
  SetMinLevel(Level::kInfo);
  SetSinkForTesting(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["msg"], "loud");
}

}  // namespace
}  // namespace dangbo::log
