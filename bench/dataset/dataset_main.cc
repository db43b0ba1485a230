// dangbo-dataset: generates a deterministic membership dataset and writes it as CSV, loads it
// into a running membership service, or both.
//
//   dangbo-dataset --size=bloc --seed=1 --csv_dir=/tmp/bloc
//   dangbo-dataset --size=national --target=127.0.0.1:50051 --token_file=admin.token
//
// For `dangboctl members import`: create the organizations, then write members.csv naming them:
//   dangbo-dataset --target=… --organizations_only --names_out=orgs.tsv
//   dangbo-dataset --csv_dir=out --organization_names=orgs.tsv
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "bench/dataset/csv_writer.h"
#include "bench/dataset/dataset.h"
#include "bench/dataset/dataset_loader.h"
#include "bench/dataset/enum_text.h"
#include "bench/dataset/inspection_loader.h"
#include "bench/dataset/inspection_work.h"
#include "bench/dataset/member_roster.h"
#include "bench/dataset/summary.h"
#include "common/auth/token_file.h"

ABSL_FLAG(std::string, size, "bloc", "bloc (~7,000 members) or national (~5.6 million)");
ABSL_FLAG(uint64_t, seed, 1, "same seed, same dataset, byte for byte");
ABSL_FLAG(std::string, as_of, "2025-06-30", "the day the dataset describes (YYYY-MM-DD)");
ABSL_FLAG(std::string, csv_dir, "", "write organizations.csv and members.csv here");
ABSL_FLAG(bool, summary, false, "generate every member once and print what the dataset holds");
ABSL_FLAG(std::string, target, "", "membership service host:port to load the dataset into");
ABSL_FLAG(std::string, token_file, "", "file holding the bearer token; default $DANGBO_TOKEN_FILE");
ABSL_FLAG(int32_t, organization_concurrency, 8, "CreateOrganization calls in flight");
ABSL_FLAG(int32_t, import_streams, 4, "ImportMembers streams in parallel");
ABSL_FLAG(int32_t, rows_per_message, 1000, "member rows per ImportMembers message");
ABSL_FLAG(int64_t, max_members, 0,
          "with --target: import only the first this many members (0: all of them)");
ABSL_FLAG(std::string, request_id_prefix, "",
          "prefix of every request id; default dataset-<size>-<seed>. Reusing it replays the "
          "load idempotently");
ABSL_FLAG(std::string, names_out, "",
          "write `code<TAB>organizations/{id}<TAB>kind` per created organization to this file");
ABSL_FLAG(bool, organizations_only, false, "with --target: create the organizations only");
ABSL_FLAG(bool, inspections, true,
          "generate a year (bloc) or ten years (national) of inspection work: printed with the "
          "summary, loaded with --inspection_target; false for the membership-only benchmark");
ABSL_FLAG(std::string, inspection_target, "",
          "inspection service host:port: with --target, load the inspection work after the "
          "members (the token needs admin and personal_data)");
ABSL_FLAG(int32_t, inspection_concurrency, 8,
          "inspections (and decisions) loaded at once, or import streams with --inspection_import");
ABSL_FLAG(bool, inspection_import, false,
          "load the inspection work as past records through ImportInspectionWork (a record per "
          "inspection with its decisions and appeals) instead of taking each through its stages");
ABSL_FLAG(int32_t, inspection_records_per_message, 200,
          "with --inspection_import: records per stream message");
ABSL_FLAG(int32_t, inspection_last_years, 0,
          "only the last N years of the inspection work (0: all of it), generated as if the "
          "work started then: a shorter national load through the API");
ABSL_FLAG(std::string, organization_names, "",
          "a --names_out file of an earlier load: members.csv then names the created "
          "organizations, as `dangboctl members import` needs");

namespace {

using namespace dangbo::bench;  // NOLINT: a tool's main

int Fail(absl::string_view message) {
  std::cerr << "dangbo-dataset: " << message << "\n";
  return 1;
}

std::string Rate(int64_t n, absl::Duration elapsed) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? absl::StrFormat("%.0f", n / seconds) : "-";
}

int WriteCsv(const Dataset& dataset, const std::vector<std::string>* names,
             const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream orgs(std::filesystem::path(dir) / "organizations.csv", std::ios::binary);
  std::ofstream members(std::filesystem::path(dir) / "members.csv", std::ios::binary);
  if (!orgs || !members) return Fail(absl::StrCat("cannot write into ", dir));
  const absl::Time start = absl::Now();
  WriteOrganizationsCsv(dataset, orgs);
  const int64_t rows = WriteMembersCsv(dataset, names, members);
  orgs.close();
  members.close();
  if (!orgs || !members) return Fail(absl::StrCat("writing into ", dir, " failed"));
  std::cout << absl::StrFormat("wrote %s/organizations.csv (%d) and %s/members.csv (%d) in %s\n",
                               dir, dataset.organizations.size(), dir, rows,
                               absl::FormatDuration(absl::Now() - start));
  return 0;
}

// The names a --names_out file lists, by dataset index (matched on the organization code).
absl::StatusOr<std::vector<std::string>> ReadNames(const Dataset& dataset,
                                                   const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  absl::flat_hash_map<std::string, std::string> by_code;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, '\t');
    if (parts.size() >= 2) by_code[parts[0]] = parts[1];
  }
  std::vector<std::string> names;
  for (const GeneratedOrganization& org : dataset.organizations) {
    auto it = by_code.find(org.code);
    if (it == by_code.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " has no organization ", org.code, ": not from this dataset"));
    }
    names.push_back(it->second);
  }
  return names;
}

// The years of inspection work to generate: the dataset's default, or its last N years.
InspectionWorkSpec WorkSpec(const Dataset& dataset) {
  InspectionWorkSpec spec = DefaultWorkSpec(dataset);
  const int last_years = absl::GetFlag(FLAGS_inspection_last_years);
  if (last_years > 0) spec.first_year = std::max(spec.first_year, spec.last_year - last_years + 1);
  return spec;
}

int LoadInspections(const Dataset& dataset, const std::string& membership_target,
                    const std::string& inspection_target, const LoadOptions& load_options,
                    const std::vector<std::string>& names) {
  std::cout << "loading the inspection work ..." << std::endl;
  const MemberRoster roster = MemberRoster::Build(dataset);
  InspectionLoadOptions options;
  options.token = load_options.token;
  options.request_id_prefix = load_options.request_id_prefix;
  options.concurrency = absl::GetFlag(FLAGS_inspection_concurrency);
  options.bulk_import = absl::GetFlag(FLAGS_inspection_import);
  options.records_per_message = absl::GetFlag(FLAGS_inspection_records_per_message);
  InspectionLoader loader(
      grpc::CreateChannel(membership_target, grpc::InsecureChannelCredentials()),
      grpc::CreateChannel(inspection_target, grpc::InsecureChannelCredentials()), options);
  absl::StatusOr<InspectionLoad> load = loader.Load(dataset, roster, WorkSpec(dataset), names);
  if (!load.ok()) return Fail(load.status().ToString());
  std::cout << absl::StrFormat(
      "inspection work loaded: %d members matched in %s; %d %s in %s (%s/s), %d inspections "
      "(%s/s)\n",
      load->members_matched, absl::FormatDuration(load->match_elapsed), load->calls,
      options.bulk_import ? "import messages" : "calls", absl::FormatDuration(load->elapsed),
      Rate(load->calls, load->elapsed), load->loaded.inspections,
      Rate(load->loaded.inspections, load->elapsed));
  PrintInspectionSummary(load->loaded, std::cout);
  return 0;
}

int Load(const Dataset& dataset, const std::string& target, std::vector<std::string>& names) {
  absl::StatusOr<std::string> token = dangbo::auth::ReadTokenFile(absl::GetFlag(FLAGS_token_file));
  if (!token.ok()) return Fail(token.status().message());
  LoadOptions options;
  options.token = *token;
  options.organization_concurrency = absl::GetFlag(FLAGS_organization_concurrency);
  options.import_streams = absl::GetFlag(FLAGS_import_streams);
  options.rows_per_message = absl::GetFlag(FLAGS_rows_per_message);
  options.max_members = absl::GetFlag(FLAGS_max_members);
  options.request_id_prefix = absl::GetFlag(FLAGS_request_id_prefix);
  if (options.request_id_prefix.empty()) {
    options.request_id_prefix =
        absl::StrCat("dataset-", DatasetSizeName(dataset.spec.size), "-", dataset.spec.seed);
  }
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  DatasetLoader loader(grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args),
                       options);

  absl::StatusOr<OrganizationLoad> orgs = loader.CreateOrganizations(dataset);
  if (!orgs.ok()) return Fail(orgs.status().ToString());
  std::cout << absl::StrFormat("organizations created: %d in %s (%s/s)\n", orgs->names.size(),
                               absl::FormatDuration(orgs->elapsed),
                               Rate(orgs->names.size(), orgs->elapsed));
  for (const auto& [kind, n] : orgs->by_kind) {
    std::cout << absl::StrFormat("  %-24s %8d\n", KindText(kind), n);
  }
  // Through a pipe (tee) stdout is block-buffered: show that the member import starts now.
  std::cout << "importing members ..." << std::endl;
  if (const std::string path = absl::GetFlag(FLAGS_names_out); !path.empty()) {
    std::ofstream out(path);
    for (const GeneratedOrganization& org : dataset.organizations) {
      out << org.code << '\t' << orgs->names[org.index] << '\t' << KindText(org.kind) << '\n';
    }
    if (!out) return Fail(absl::StrCat("cannot write ", path));
  }
  names = orgs->names;
  if (absl::GetFlag(FLAGS_organizations_only)) return 0;

  absl::StatusOr<ImportLoad> imported = loader.ImportMembers(dataset, orgs->names);
  if (!imported.ok()) return Fail(imported.status().ToString());
  std::cout << absl::StrFormat(
      "members imported: %d rows in %d messages, %s (%s rows/s): created %d, updated %d, "
      "unchanged %d, refused %d\n",
      imported->rows_sent, imported->messages_sent, absl::FormatDuration(imported->elapsed),
      Rate(imported->rows_sent, imported->elapsed), imported->created, imported->updated,
      imported->unchanged, imported->error_count);
  for (const auto& [state, n] : imported->rows_by_state) {
    std::cout << absl::StrFormat("  %-24s %8d\n", StateText(state), n);
  }
  for (const std::string& e : imported->first_errors) std::cout << "  refused " << e << "\n";
  if (imported->error_count != 0) return 1;
  const std::string inspection_target = absl::GetFlag(FLAGS_inspection_target);
  if (!absl::GetFlag(FLAGS_inspections) || inspection_target.empty()) return 0;
  return LoadInspections(dataset, target, inspection_target, options, orgs->names);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Generates a deterministic membership dataset; writes CSV (--csv_dir), loads it through "
      "the API (--target), prints its make-up (--summary).");
  absl::ParseCommandLine(argc, argv);

  absl::StatusOr<DatasetSize> size = ParseDatasetSize(absl::GetFlag(FLAGS_size));
  if (!size.ok()) return Fail(size.status().message());
  DatasetSpec spec;
  spec.size = *size;
  spec.seed = absl::GetFlag(FLAGS_seed);
  if (!absl::ParseCivilTime(absl::GetFlag(FLAGS_as_of), &spec.as_of)) {
    return Fail("--as_of must be YYYY-MM-DD");
  }
  const absl::Time start = absl::Now();
  const Dataset dataset = GenerateOrganizations(spec);
  std::cout << absl::StrFormat(
      "dataset %s seed %d as of %s: %d organizations, %d members "
      "(tree generated in %s)\n",
      DatasetSizeName(spec.size), spec.seed, DateText(spec.as_of), dataset.organizations.size(),
      dataset.member_count, absl::FormatDuration(absl::Now() - start));

  const std::string csv_dir = absl::GetFlag(FLAGS_csv_dir);
  const std::string target = absl::GetFlag(FLAGS_target);
  if (absl::GetFlag(FLAGS_summary) || (csv_dir.empty() && target.empty())) {
    PrintSummary(Summarize(dataset), std::cout);
    if (absl::GetFlag(FLAGS_inspections)) {
      const MemberRoster roster = MemberRoster::Build(dataset);
      PrintInspectionSummary(SummarizeInspectionWork(dataset, roster, WorkSpec(dataset)),
                             std::cout);
    }
  }
  std::vector<std::string> names;
  int rc = 0;
  if (!target.empty()) {
    rc = Load(dataset, target, names);
    if (names.empty()) return rc;
  } else if (const std::string path = absl::GetFlag(FLAGS_organization_names); !path.empty()) {
    absl::StatusOr<std::vector<std::string>> read = ReadNames(dataset, path);
    if (!read.ok()) return Fail(read.status().message());
    names = *std::move(read);
  }
  if (!csv_dir.empty()) {
    if (int csv_rc = WriteCsv(dataset, names.empty() ? nullptr : &names, csv_dir); csv_rc != 0) {
      return csv_rc;
    }
  }
  return rc;
}
