#ifndef DANGBO_BENCH_DATASET_INSPECTION_WORK_H_
#define DANGBO_BENCH_DATASET_INSPECTION_WORK_H_

// The inspection work of a dataset: inspections and supervisions with their subjects, stages,
// outcomes, notices and follow-up, the disciplinary decisions they lead to and the appeals
// against those. Generated one inspection at a time in the same order on every run, so ten
// years of national work (about 760,000 inspections) never sit in memory.
//
// Proportions follow the annual review of seed 001 (Đảng ủy Khối Doanh nghiệp Trung ương,
// 2022: committees inspected 1,126 organizations and 7,124 members, supervised 1,096 and
// 5,627; 2 organizations and 1 member fell short; 15 organizations and 296 members were
// disciplined), scaled to the dataset: at bloc size (450 organizations, 7,000 members) a year
// holds about 110 organizations and 250 members inspected, 110 and 200 supervised, the UBKT's
// violation-signs, inspection-duty, discipline-execution, finance and dues inspections, and
// about 14 disciplinary decisions; at national size ten years hold about 2 million subjects and
// 300,000 decisions.

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "bench/dataset/dataset.h"
#include "bench/dataset/member_roster.h"
#include "bench/dataset/random.h"
#include "dangbo/inspection/v1/enums.pb.h"

namespace dangbo::bench {

namespace iv1 = ::dangbo::inspection::v1;

// An organization (by dataset index) or a member (by roster row).
struct SubjectRef {
  bool member = false;
  int64_t id = 0;  // organization index or member row

  bool operator==(const SubjectRef& other) const = default;
};

struct GeneratedSubject {
  SubjectRef ref;
  bool committee_member = false;
  iv1::SubjectOutcome outcome = iv1::SUBJECT_OUTCOME_UNSPECIFIED;
  std::string finding;  // empty: no finding recorded
  iv1::ViolationCategory violation_category = iv1::VIOLATION_CATEGORY_UNSPECIFIED;
};

struct GeneratedAppeal {
  absl::CivilDay received;
  absl::CivilDay filed;
  int resolving_organization = 0;
  iv1::Level resolving_level = iv1::LEVEL_UNSPECIFIED;
  iv1::AppealOutcome outcome = iv1::APPEAL_OUTCOME_UNSPECIFIED;
  absl::CivilDay resolved;
  std::string resolution_number;
  // REDUCED only.
  iv1::DisciplineForm new_form = iv1::DISCIPLINE_FORM_UNSPECIFIED;
};

struct GeneratedDecision {
  SubjectRef subject;
  iv1::DisciplineForm form = iv1::DISCIPLINE_FORM_UNSPECIFIED;
  int deciding_organization = 0;
  iv1::DecidingBody deciding_body = iv1::DECIDING_BODY_UNSPECIFIED;
  std::string number;
  absl::CivilDay decided;
  absl::CivilDay violation;
  iv1::ViolationCategory category = iv1::VIOLATION_CATEGORY_UNSPECIFIED;
  std::string reasons;
  std::optional<GeneratedAppeal> appeal;
};

struct GeneratedTeamMember {
  int64_t row = 0;
  iv1::TeamRole role = iv1::TEAM_ROLE_UNSPECIFIED;
};

struct GeneratedTask {
  std::string text;
  std::string assignee;
  absl::CivilDay due;
  absl::CivilDay completed;
};

struct GeneratedInspection {
  // 1-based, in generation order over the whole work: request ids derive from it.
  int64_t sequence = 0;
  int year = 0;
  iv1::InspectionType type = iv1::INSPECTION_TYPE_UNSPECIFIED;
  iv1::ConductingBody body = iv1::CONDUCTING_BODY_UNSPECIFIED;
  int conducting_organization = 0;
  iv1::Level level = iv1::LEVEL_UNSPECIFIED;
  std::string decision_number;
  std::string content;
  absl::CivilDay period_start;
  absl::CivilDay period_end;
  int planned_working_days = 0;
  std::vector<GeneratedTeamMember> team;
  std::vector<GeneratedSubject> subjects;
  absl::CivilDay decided;
  absl::CivilDay started;
  absl::CivilDay reported;
  absl::CivilDay concluded;
  absl::CivilDay notice_issued;
  std::string notice_number;
  std::vector<std::string> strengths;
  std::vector<std::string> shortcomings;
  std::vector<GeneratedTask> tasks;
  // After the notice, or after the last task was done.
  absl::CivilDay closed;
  // Decisions about the subjects found to deserve discipline.
  std::vector<GeneratedDecision> decisions;
};

struct InspectionWorkSpec {
  // The first and last calendar year of work. Default: the year before the dataset's as_of at
  // bloc size, the ten years before it at national size.
  int first_year = 0;
  int last_year = 0;
};

InspectionWorkSpec DefaultWorkSpec(const Dataset& dataset);

// What the work holds, counted as it is generated (and by the loader as it is loaded).
struct InspectionWorkSummary {
  int64_t inspections = 0;
  std::map<iv1::InspectionType, int64_t> inspections_by_type;
  // Subjects (lượt: an organization inspected twice counts twice) by type.
  std::map<iv1::InspectionType, int64_t> organization_subjects_by_type;
  std::map<iv1::InspectionType, int64_t> member_subjects_by_type;
  std::map<iv1::InspectionType, int64_t> committee_member_subjects_by_type;
  // Subjects whose outcome is SHORTCOMINGS, by type.
  std::map<iv1::InspectionType, int64_t> organization_shortcomings_by_type;
  std::map<iv1::InspectionType, int64_t> member_shortcomings_by_type;
  std::map<iv1::SubjectOutcome, int64_t> subjects_by_outcome;
  std::map<iv1::DisciplineForm, int64_t> organization_decisions_by_form;
  std::map<iv1::DisciplineForm, int64_t> member_decisions_by_form;
  std::map<iv1::AppealOutcome, int64_t> appeals_by_outcome;
  int64_t required_tasks = 0;

  int64_t subjects() const;
  int64_t decisions() const;
  int64_t appeals() const;
  void Add(const GeneratedInspection& inspection);
};

// Produces the work year by year, each year's inspections in order of their decision dates'
// draw. Each inspection draws from its own random stream; the only state carried from one to
// the next is who has been expelled (never a subject again) and who was disciplined in the
// year (not twice).
class InspectionWorkGenerator {
 public:
  // `dataset` and `roster` must outlive the generator.
  InspectionWorkGenerator(const Dataset& dataset, const MemberRoster& roster,
                          InspectionWorkSpec spec);

  // False once the last year is done.
  bool Next(GeneratedInspection& out);

 private:
  struct Slot {
    iv1::InspectionType type;
    int count;
  };

  void StartYear(int year);
  bool Generate(iv1::InspectionType type, int index_in_year, GeneratedInspection& out);
  bool Thematic(Random& random, GeneratedInspection& out);
  bool ByInspectionCommittee(Random& random, GeneratedInspection& out);
  bool ViolationSigns(Random& random, GeneratedInspection& out);
  void Stages(Random& random, GeneratedInspection& out);
  void Outcomes(Random& random, GeneratedInspection& out);
  void Notice(Random& random, GeneratedInspection& out);
  void Decide(Random& random, GeneratedInspection& out);
  void Team(Random& random, int organization, absl::CivilDay on, GeneratedInspection& out);

  // A member registered under `organization` (itself or below), admitted before `on`, not
  // expelled or already in `taken`; nullopt when draws find none.
  std::optional<int64_t> PickMember(Random& random, int organization, absl::CivilDay on,
                                    const std::vector<SubjectRef>& taken);
  // An organization strictly below `organization` established before `on`.
  std::optional<int> PickOrganizationBelow(Random& random, int organization, absl::CivilDay on,
                                           const std::vector<SubjectRef>& taken);
  // The nearest committee above `organization` (grassroots committee, upper-level or bloc).
  int CommitteeAbove(int organization) const;
  // The nearest upper-level or bloc committee above `organization`; -1 at a root.
  int UpperAbove(int organization) const;
  iv1::Level LevelOf(int organization) const;
  bool IsCommittee(int organization) const;
  bool IsCell(int organization) const;

  const Dataset& dataset_;
  const MemberRoster& roster_;
  InspectionWorkSpec spec_;
  // For each committee, the cells with members below it; for each cell, itself.
  std::vector<std::vector<int>> cells_below_;
  // For each organization, the organizations strictly below it.
  std::vector<std::vector<int>> organizations_below_;
  std::vector<int> committees_;
  std::vector<int> cells_;
  std::vector<int> upper_committees_;  // bloc and upper-level committees

  int year_ = 0;
  std::vector<Slot> slots_;
  size_t slot_ = 0;
  int index_in_slot_ = 0;
  int index_in_year_ = 0;
  int64_t sequence_ = 0;
  absl::flat_hash_set<int64_t> expelled_;
  absl::flat_hash_set<int64_t> disciplined_this_year_;
};

// Generates the whole work once to count it.
InspectionWorkSummary SummarizeInspectionWork(const Dataset& dataset, const MemberRoster& roster,
                                              const InspectionWorkSpec& spec);

void PrintInspectionSummary(const InspectionWorkSummary& summary, std::ostream& out);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_INSPECTION_WORK_H_
