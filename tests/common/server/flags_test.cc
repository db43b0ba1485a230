#include "common/server/flags.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "common/server/log.h"
#include "common/server/server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::server {
namespace {

using ::testing::HasSubstr;

// Restores the flags and removes the variables a test set.
class FlagsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* name :
         {"DANGBO_WORKERS", "DANGBO_SHUTDOWN_GRACE", "DANGBO_LISTEN", "DANGBO_LOG_LEVEL",
          "DANGBO_HEALTH_LISTEN", "DANGBO_MAX_CONNECTION_AGE"}) {
      ::unsetenv(name);
    }
    log::SetMinLevel(log::Level::kInfo);
  }

  absl::FlagSaver saver_;
};

void Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "service");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  ParseFlagsFromEnvAndArgs(static_cast<int>(argv.size()), argv.data());
}

TEST_F(FlagsTest, EnvironmentVariable_SetsFlag) {
  ::setenv("DANGBO_WORKERS", "7", 1);
  ::setenv("DANGBO_SHUTDOWN_GRACE", "3s", 1);
  Parse({});
  EXPECT_EQ(absl::GetFlag(FLAGS_workers), 7);
  EXPECT_EQ(absl::GetFlag(FLAGS_shutdown_grace), absl::Seconds(3));
}

// The names deploy/k8s sets.
TEST_F(FlagsTest, HealthListenAndMaxConnectionAgeFromEnvironment_SetFlags) {
  ::setenv("DANGBO_HEALTH_LISTEN", "0.0.0.0:50061", 1);
  ::setenv("DANGBO_MAX_CONNECTION_AGE", "5m", 1);
  Parse({});
  EXPECT_EQ(absl::GetFlag(FLAGS_health_listen), "0.0.0.0:50061");
  EXPECT_EQ(absl::GetFlag(FLAGS_max_connection_age), absl::Minutes(5));
}

TEST_F(FlagsTest, Defaults_NoHealthPortAndFiveMinuteConnectionAge) {
  Parse({});
  ServerOptions options = ServerOptions::FromFlags();
  EXPECT_EQ(options.health_listen, "");
  EXPECT_EQ(options.max_connection_age, absl::Minutes(5));
}

TEST_F(FlagsTest, CommandLine_WinsOverEnvironment) {
  ::setenv("DANGBO_WORKERS", "7", 1);
  Parse({"--workers=9"});
  EXPECT_EQ(absl::GetFlag(FLAGS_workers), 9);
}

TEST_F(FlagsTest, Environment_WinsOverServiceDefault) {
  SetListenDefaults("0.0.0.0:50051", "0.0.0.0:9091");
  ::setenv("DANGBO_LISTEN", "127.0.0.1:6000", 1);
  Parse({});
  EXPECT_EQ(absl::GetFlag(FLAGS_listen), "127.0.0.1:6000");
  EXPECT_EQ(absl::GetFlag(FLAGS_metrics_listen), "0.0.0.0:9091");
}

TEST_F(FlagsTest, UnparsableEnvironmentValue_IsInvalidArgumentNamingTheVariable) {
  ::setenv("DANGBO_WORKERS", "many", 1);
  absl::Status status = ApplyEnvironmentToFlags();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("DANGBO_WORKERS"));
}

TEST_F(FlagsTest, UnparsableEnvironmentValue_ExitsWithStatus2) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");  // Other tests may have started gRPC threads.
  ::setenv("DANGBO_WORKERS", "many", 1);
  EXPECT_EXIT(Parse({}), ::testing::ExitedWithCode(2), "DANGBO_WORKERS");
}

TEST_F(FlagsTest, LogLevelFromEnvironment_AppliesToLogger) {
  ::setenv("DANGBO_LOG_LEVEL", "warn", 1);
  Parse({});
  EXPECT_FALSE(log::Enabled(log::Level::kInfo));
  EXPECT_TRUE(log::Enabled(log::Level::kWarn));
}

TEST_F(FlagsTest, FromFlags_CarriesEveryServerFlag) {
  Parse({"--listen=127.0.0.1:1", "--metrics_listen=127.0.0.1:2", "--max_message_bytes=1000",
         "--workers=3", "--shutdown_grace=4s", "--readiness_interval=250ms",
         "--health_listen=127.0.0.1:3", "--max_connection_age=90s",
         "--max_connection_age_grace=2h"});
  ServerOptions options = ServerOptions::FromFlags();
  EXPECT_EQ(options.listen, "127.0.0.1:1");
  EXPECT_EQ(options.metrics_listen, "127.0.0.1:2");
  EXPECT_EQ(options.max_message_bytes, 1000);
  EXPECT_EQ(options.workers, 3);
  EXPECT_EQ(options.shutdown_grace, absl::Seconds(4));
  EXPECT_EQ(options.readiness_interval, absl::Milliseconds(250));
  EXPECT_EQ(options.health_listen, "127.0.0.1:3");
  EXPECT_EQ(options.max_connection_age, absl::Seconds(90));
  EXPECT_EQ(options.max_connection_age_grace, absl::Hours(2));
}

}  // namespace
}  // namespace dangbo::server
