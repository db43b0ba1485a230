#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "bench/dataset/inspection_work.h"

namespace dangbo::bench {
namespace {

using Type = iv1::InspectionType;
using Kind = v1::OrganizationKind;

// Inspections a year by type. Bloc: seed 001 scaled to 450 organizations and 7,000 members
// (see inspection_work.h). National: about 200,000 subjects and 30,000 disciplinary decisions
// a year over 60,000 organizations and 5.6 million members.
struct YearProfile {
  int thematic_inspections;
  int thematic_supervisions;
  int violation_signs;
  int inspection_duty;
  int discipline_execution;
  int finance;
  int dues;
};

constexpr YearProfile kBlocYear = {60, 55, 14, 8, 4, 6, 10};
constexpr YearProfile kNationalYear = {18000, 17000, 32000, 3000, 1000, 2000, 3000};

constexpr std::array kCategories = {
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_PARTY_ACTIVITY, 30},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_MORALITY_AND_LIFESTYLE, 15},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS, 15},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_CORRUPTION_AND_WASTE, 10},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_ORGANIZATIONAL_PRINCIPLES, 10},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_CADRE_WORK, 8},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_LAND_AND_RESOURCES, 5},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_POLITICAL_IDEOLOGY, 4},
    Weighted<iv1::ViolationCategory>{iv1::VIOLATION_CATEGORY_OTHER, 3},
};

absl::string_view ContentOf(Type type, Random& random) {
  static constexpr std::array<absl::string_view, 3> kThematic = {
      "Việc lãnh đạo, chỉ đạo thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh "
      "đốn Đảng",
      "Việc thực hiện nguyên tắc tập trung dân chủ, quy chế làm việc của cấp ủy",
      "Việc thực hiện Quy định về những điều đảng viên không được làm",
  };
  static constexpr std::array<absl::string_view, 3> kSupervision = {
      "Việc lãnh đạo thực hiện nhiệm vụ sản xuất, kinh doanh và công tác xây dựng Đảng",
      "Việc tu dưỡng, rèn luyện đạo đức, lối sống của cán bộ, đảng viên",
      "Việc thực hiện chế độ sinh hoạt đảng và chất lượng sinh hoạt chi bộ",
  };
  switch (type) {
    case iv1::INSPECTION_TYPE_THEMATIC_INSPECTION:
      return kThematic[random.Below(kThematic.size())];
    case iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION:
      return kSupervision[random.Below(kSupervision.size())];
    case iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION:
      return "Kiểm tra khi có dấu hiệu vi phạm trong thực hiện nhiệm vụ được giao";
    case iv1::INSPECTION_TYPE_INSPECTION_DUTY_INSPECTION:
      return "Việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật trong Đảng";
    case iv1::INSPECTION_TYPE_DISCIPLINE_EXECUTION_INSPECTION:
      return "Việc thi hành kỷ luật đảng viên vi phạm";
    case iv1::INSPECTION_TYPE_FINANCE_INSPECTION:
      return "Việc quản lý, sử dụng tài chính, tài sản của Đảng";
    case iv1::INSPECTION_TYPE_DUES_INSPECTION:
      return "Việc thu, nộp, quản lý và sử dụng đảng phí";
    default:
      return "Kiểm tra";
  }
}

constexpr std::array<absl::string_view, 3> kStrengths = {
    "Cấp ủy quan tâm lãnh đạo, chỉ đạo, ban hành văn bản kịp thời",
    "Duy trì nền nếp sinh hoạt, đoàn kết nội bộ",
    "Đảng viên gương mẫu thực hiện nhiệm vụ được giao",
};

constexpr std::array<absl::string_view, 3> kShortcomings = {
    "Chưa kịp thời cụ thể hóa nghị quyết, kế hoạch của cấp trên",
    "Sổ sách, hồ sơ lưu trữ chưa đầy đủ",
    "Thu, nộp đảng phí chưa đúng quy định",
};

constexpr std::array<absl::string_view, 4> kViolations = {
    "Không thực hiện đúng quy trình, quy định trong quản lý tài chính",
    "Vi phạm quy định về những điều đảng viên không được làm",
    "Thiếu trách nhiệm trong lãnh đạo, chỉ đạo, để xảy ra sai phạm",
    "Không chấp hành chế độ sinh hoạt đảng, không đóng đảng phí nhiều tháng",
};

// Longest planned duration by type and level (the service's default rules, domain.md §3).
int DurationLimit(Type type, iv1::Level level) {
  const bool supervision = type == iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION;
  switch (level) {
    case iv1::LEVEL_CENTRAL:
      return supervision ? 45 : 90;
    case iv1::LEVEL_PROVINCIAL:
      return supervision ? 30 : 60;
    case iv1::LEVEL_DISTRICT:
      return supervision ? 25 : 45;
    default:
      return supervision ? 20 : 30;
  }
}

absl::string_view Abbreviation(iv1::ConductingBody body) {
  switch (body) {
    case iv1::CONDUCTING_BODY_INSPECTION_COMMITTEE:
      return "UBKT";
    case iv1::CONDUCTING_BODY_CELL:
      return "CB";
    default:
      return "ĐU";
  }
}

bool Taken(const std::vector<SubjectRef>& taken, const SubjectRef& ref) {
  return std::find(taken.begin(), taken.end(), ref) != taken.end();
}

}  // namespace

InspectionWorkSpec DefaultWorkSpec(const Dataset& dataset) {
  const int last = static_cast<int>(dataset.spec.as_of.year()) - 1;
  return {.first_year = dataset.spec.size == DatasetSize::kBloc ? last : last - 9,
          .last_year = last};
}

InspectionWorkGenerator::InspectionWorkGenerator(const Dataset& dataset, const MemberRoster& roster,
                                                 InspectionWorkSpec spec)
    : dataset_(dataset), roster_(roster), spec_(spec) {
  const size_t n = dataset.organizations.size();
  cells_below_.resize(n);
  organizations_below_.resize(n);
  for (const GeneratedOrganization& org : dataset.organizations) {
    if (org.kind != v1::ORGANIZATION_KIND_PARTY_GROUP) {
      for (int up = org.parent; up >= 0; up = dataset.organizations[up].parent) {
        organizations_below_[up].push_back(org.index);
      }
    }
    if (IsCommittee(org.index)) committees_.push_back(org.index);
    if (org.kind == v1::ORGANIZATION_KIND_BLOC_COMMITTEE ||
        org.kind == v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE) {
      upper_committees_.push_back(org.index);
    }
    if (IsCell(org.index) && org.member_count > 0) {
      cells_.push_back(org.index);
      cells_below_[org.index].push_back(org.index);
      for (int up = org.parent; up >= 0; up = dataset.organizations[up].parent) {
        cells_below_[up].push_back(org.index);
      }
    }
  }
  year_ = spec_.first_year - 1;
}

bool InspectionWorkGenerator::IsCommittee(int o) const {
  const Kind kind = dataset_.organizations[o].kind;
  return kind == v1::ORGANIZATION_KIND_BLOC_COMMITTEE ||
         kind == v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE ||
         kind == v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE;
}

bool InspectionWorkGenerator::IsCell(int o) const {
  const Kind kind = dataset_.organizations[o].kind;
  return kind == v1::ORGANIZATION_KIND_CELL || kind == v1::ORGANIZATION_KIND_GRASSROOTS_CELL;
}

iv1::Level InspectionWorkGenerator::LevelOf(int o) const {
  switch (dataset_.organizations[o].kind) {
    case v1::ORGANIZATION_KIND_BLOC_COMMITTEE:
      return iv1::LEVEL_PROVINCIAL;
    case v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE:
      return iv1::LEVEL_DISTRICT;
    default:
      return iv1::LEVEL_GRASSROOTS;
  }
}

int InspectionWorkGenerator::CommitteeAbove(int o) const {
  for (int up = dataset_.organizations[o].parent; up >= 0; up = dataset_.organizations[up].parent) {
    if (IsCommittee(up)) return up;
  }
  return -1;
}

int InspectionWorkGenerator::UpperAbove(int o) const {
  for (int up = dataset_.organizations[o].parent; up >= 0; up = dataset_.organizations[up].parent) {
    const Kind kind = dataset_.organizations[up].kind;
    if (kind == v1::ORGANIZATION_KIND_BLOC_COMMITTEE ||
        kind == v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE) {
      return up;
    }
  }
  return -1;
}

void InspectionWorkGenerator::StartYear(int year) {
  year_ = year;
  const YearProfile& p = dataset_.spec.size == DatasetSize::kBloc ? kBlocYear : kNationalYear;
  slots_ = {
      {iv1::INSPECTION_TYPE_THEMATIC_INSPECTION, p.thematic_inspections},
      {iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION, p.thematic_supervisions},
      {iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION, p.violation_signs},
      {iv1::INSPECTION_TYPE_INSPECTION_DUTY_INSPECTION, p.inspection_duty},
      {iv1::INSPECTION_TYPE_DISCIPLINE_EXECUTION_INSPECTION, p.discipline_execution},
      {iv1::INSPECTION_TYPE_FINANCE_INSPECTION, p.finance},
      {iv1::INSPECTION_TYPE_DUES_INSPECTION, p.dues},
  };
  slot_ = 0;
  index_in_slot_ = 0;
  index_in_year_ = 0;
  disciplined_this_year_.clear();
}

bool InspectionWorkGenerator::Next(GeneratedInspection& out) {
  while (true) {
    if (year_ < spec_.first_year || slot_ >= slots_.size()) {
      if (year_ >= spec_.last_year) return false;
      StartYear(year_ + 1);
      continue;
    }
    const Slot& slot = slots_[slot_];
    if (index_in_slot_ >= slot.count) {
      ++slot_;
      index_in_slot_ = 0;
      continue;
    }
    ++index_in_slot_;
    const int index = index_in_year_++;
    if (Generate(slot.type, index, out)) return true;
  }
}

bool InspectionWorkGenerator::Generate(Type type, int index_in_year, GeneratedInspection& out) {
  // A draw that finds no subject (a committee with nothing below it) tries another stream.
  for (uint64_t attempt = 0; attempt < 8; ++attempt) {
    Random random = Random(dataset_.spec.seed)
                        .Fork(0x15000000000ULL + static_cast<uint64_t>(year_) * 0x1000000ULL +
                              static_cast<uint64_t>(index_in_year) * 8 + attempt);
    out = GeneratedInspection();
    out.year = year_;
    out.type = type;
    out.decided = absl::CivilDay(year_, 1, 10) + static_cast<int>(random.Below(290));
    bool ok = false;
    switch (type) {
      case iv1::INSPECTION_TYPE_THEMATIC_INSPECTION:
      case iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION:
        ok = Thematic(random, out);
        break;
      case iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION:
        ok = ViolationSigns(random, out);
        break;
      default:
        ok = ByInspectionCommittee(random, out);
        break;
    }
    if (!ok) continue;
    const GeneratedOrganization& conducting = dataset_.organizations[out.conducting_organization];
    out.level = LevelOf(out.conducting_organization);
    out.content = std::string(ContentOf(type, random));
    out.decision_number =
        absl::StrCat(index_in_year + 1, "-QĐ/", Abbreviation(out.body), "/", conducting.code);
    const int limit = DurationLimit(type, out.level);
    out.planned_working_days = limit - static_cast<int>(random.Below(limit / 4 + 1));
    Team(random, out.conducting_organization, out.decided, out);
    if (out.team.empty()) continue;  // the service needs a team with its leader
    out.sequence = ++sequence_;
    Outcomes(random, out);
    Stages(random, out);
    Notice(random, out);
    Decide(random, out);
    return true;
  }
  return false;
}

std::optional<int64_t> InspectionWorkGenerator::PickMember(Random& random, int organization,
                                                           absl::CivilDay on,
                                                           const std::vector<SubjectRef>& taken) {
  const std::vector<int>& cells = cells_below_[organization];
  if (cells.empty()) return std::nullopt;
  for (int attempt = 0; attempt < 24; ++attempt) {
    const int cell = cells[random.Below(cells.size())];
    const int count = roster_.Count(cell);
    if (count == 0) continue;
    const int64_t row = roster_.FirstRow(cell) + static_cast<int64_t>(random.Below(count));
    const v1::MemberState state = roster_.State(row);
    if (state != v1::MEMBER_STATE_PROBATIONARY && state != v1::MEMBER_STATE_FULL) continue;
    if (roster_.Admitted(row) >= on) continue;
    if (expelled_.contains(row) || Taken(taken, {true, row})) continue;
    return row;
  }
  return std::nullopt;
}

std::optional<int> InspectionWorkGenerator::PickOrganizationBelow(
    Random& random, int organization, absl::CivilDay on, const std::vector<SubjectRef>& taken) {
  const std::vector<int>& below = organizations_below_[organization];
  if (below.empty()) return std::nullopt;
  for (int attempt = 0; attempt < 16; ++attempt) {
    const int o = below[random.Below(below.size())];
    if (dataset_.organizations[o].established >= on || Taken(taken, {false, o})) continue;
    return o;
  }
  return std::nullopt;
}

bool InspectionWorkGenerator::Thematic(Random& random, GeneratedInspection& out) {
  std::vector<SubjectRef> taken;
  auto add_members = [&](int under, int count) {
    for (int i = 0; i < count; ++i) {
      std::optional<int64_t> row = PickMember(random, under, out.decided, taken);
      if (!row.has_value()) break;
      taken.push_back({true, *row});
      GeneratedSubject subject{.ref = {true, *row}};
      // Committee members (cấp ủy viên) are those holding a post, a quarter of them.
      subject.committee_member = roster_.HoldsPost(*row) && random.PerMille(250);
      out.subjects.push_back(std::move(subject));
    }
  };
  if (random.PerMille(550)) {
    // A committee (or its standing committee; supervision also its UBKT) over organizations
    // and members below it.
    out.conducting_organization = committees_[random.Below(committees_.size())];
    const bool supervision = out.type == iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION;
    out.body = supervision && random.PerMille(200) ? iv1::CONDUCTING_BODY_INSPECTION_COMMITTEE
               : random.PerMille(700)              ? iv1::CONDUCTING_BODY_STANDING_COMMITTEE
                                                   : iv1::CONDUCTING_BODY_EXECUTIVE_COMMITTEE;
    const int organizations = static_cast<int>(random.Between(2, 5));
    for (int i = 0; i < organizations; ++i) {
      std::optional<int> o =
          PickOrganizationBelow(random, out.conducting_organization, out.decided, taken);
      if (!o.has_value()) break;
      taken.push_back({false, *o});
      out.subjects.push_back({.ref = {false, *o}});
    }
    add_members(out.conducting_organization, static_cast<int>(random.Between(1, 4)));
  } else {
    // A cell over its own members.
    out.conducting_organization = cells_[random.Below(cells_.size())];
    out.body = iv1::CONDUCTING_BODY_CELL;
    add_members(out.conducting_organization, static_cast<int>(random.Between(2, 7)));
  }
  return !out.subjects.empty();
}

bool InspectionWorkGenerator::ByInspectionCommittee(Random& random, GeneratedInspection& out) {
  out.conducting_organization = committees_[random.Below(committees_.size())];
  out.body = iv1::CONDUCTING_BODY_INSPECTION_COMMITTEE;
  std::vector<SubjectRef> taken;
  const int organizations = random.PerMille(400) ? 2 : 1;
  for (int i = 0; i < organizations; ++i) {
    std::optional<int> o =
        PickOrganizationBelow(random, out.conducting_organization, out.decided, taken);
    if (!o.has_value()) break;
    taken.push_back({false, *o});
    out.subjects.push_back({.ref = {false, *o}});
  }
  // Dues are paid by members: a dues inspection often looks at a few of them too.
  if (out.type == iv1::INSPECTION_TYPE_DUES_INSPECTION && random.PerMille(300)) {
    std::optional<int64_t> row =
        PickMember(random, out.conducting_organization, out.decided, taken);
    if (row.has_value()) out.subjects.push_back({.ref = {true, *row}});
  }
  return !out.subjects.empty();
}

bool InspectionWorkGenerator::ViolationSigns(Random& random, GeneratedInspection& out) {
  out.body = iv1::CONDUCTING_BODY_INSPECTION_COMMITTEE;
  std::vector<SubjectRef> taken;
  // Those disciplined earlier this year are not taken up again.
  auto fresh_member = [&](int under) -> std::optional<int64_t> {
    for (int attempt = 0; attempt < 4; ++attempt) {
      std::optional<int64_t> row = PickMember(random, under, out.decided, taken);
      if (row.has_value() && !disciplined_this_year_.contains(*row)) return row;
    }
    return std::nullopt;
  };
  if (random.PerMille(150)) {
    // An organization: a cell or a grassroots committee, by the UBKT of the committee above.
    const int o = cells_[random.Below(cells_.size())];
    const int subject = random.PerMille(300) && CommitteeAbove(o) >= 0 &&
                                dataset_.organizations[CommitteeAbove(o)].kind ==
                                    v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE
                            ? CommitteeAbove(o)
                            : o;
    if (dataset_.organizations[subject].established >= out.decided ||
        disciplined_this_year_.contains(-1 - subject)) {
      return false;
    }
    const int committee = CommitteeAbove(subject);
    if (committee < 0) return false;
    out.conducting_organization = committee;
    out.subjects.push_back({.ref = {false, subject}});
    return true;
  }
  const int cell = cells_[random.Below(cells_.size())];
  const int committee = CommitteeAbove(cell);
  if (committee < 0) return false;
  out.conducting_organization = committee;
  const int members = random.PerMille(100) ? 2 : 1;
  for (int i = 0; i < members; ++i) {
    std::optional<int64_t> row = fresh_member(cell);
    if (!row.has_value()) break;
    taken.push_back({true, *row});
    GeneratedSubject subject{.ref = {true, *row}};
    subject.committee_member = roster_.HoldsPost(*row) && random.PerMille(300);
    out.subjects.push_back(std::move(subject));
  }
  return !out.subjects.empty();
}

void InspectionWorkGenerator::Team(Random& random, int organization, absl::CivilDay on,
                                   GeneratedInspection& out) {
  std::vector<SubjectRef> taken;
  for (const GeneratedSubject& s : out.subjects) taken.push_back(s.ref);
  const iv1::TeamRole roles[] = {iv1::TEAM_ROLE_LEADER, iv1::TEAM_ROLE_MEMBER,
                                 iv1::TEAM_ROLE_SECRETARY};
  for (iv1::TeamRole role : roles) {
    std::optional<int64_t> row = PickMember(random, organization, on, taken);
    if (!row.has_value()) {
      // A cell too small for a team of three: the leader alone, from the committee above.
      if (out.team.empty()) {
        const int above = CommitteeAbove(organization);
        if (above >= 0) row = PickMember(random, above, on, taken);
      }
      if (!row.has_value()) continue;
    }
    taken.push_back({true, *row});
    out.team.push_back({*row, out.team.empty() ? iv1::TEAM_ROLE_LEADER : role});
  }
}

void InspectionWorkGenerator::Outcomes(Random& random, GeneratedInspection& out) {
  for (GeneratedSubject& s : out.subjects) {
    int shortcomings = 0, violation = 0, discipline = 0;
    switch (out.type) {
      case iv1::INSPECTION_TYPE_THEMATIC_INSPECTION:
      case iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION:
        // Seed 001: 2 of 1,126 organizations and 1 of 7,124 members fell short; a little more
        // here so that a bloc's year has some.
        shortcomings = s.ref.member ? 5 : 20;
        break;
      case iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION:
        violation = 100;
        discipline = 850;
        break;
      default:
        shortcomings = 150;
        violation = 40;
        break;
    }
    const int draw = static_cast<int>(random.Below(1000));
    if (draw < discipline) {
      s.outcome = iv1::SUBJECT_OUTCOME_VIOLATION_REQUIRES_DISCIPLINE;
    } else if (draw < discipline + violation) {
      s.outcome = iv1::SUBJECT_OUTCOME_VIOLATION;
    } else if (draw < discipline + violation + shortcomings) {
      s.outcome = iv1::SUBJECT_OUTCOME_SHORTCOMINGS;
    } else if (draw < discipline + violation + shortcomings + 15) {
      s.outcome = iv1::SUBJECT_OUTCOME_NOT_ASSESSED;
    } else {
      s.outcome = iv1::SUBJECT_OUTCOME_GOOD;
    }
    if (s.outcome == iv1::SUBJECT_OUTCOME_SHORTCOMINGS) {
      s.finding = std::string(kShortcomings[random.Below(kShortcomings.size())]);
    } else if (s.outcome == iv1::SUBJECT_OUTCOME_VIOLATION ||
               s.outcome == iv1::SUBJECT_OUTCOME_VIOLATION_REQUIRES_DISCIPLINE) {
      s.finding = std::string(kViolations[random.Below(kViolations.size())]);
      s.violation_category = PickWeighted<iv1::ViolationCategory>(random, kCategories);
    }
  }
}

void InspectionWorkGenerator::Stages(Random& random, GeneratedInspection& out) {
  if (out.type == iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION) {
    out.period_start = out.decided - 730;
    out.period_end = out.decided - 1;
  } else {
    out.period_start = absl::CivilDay(out.year - 1, 1, 1);
    out.period_end = absl::CivilDay(out.year - 1, 12, 31);
  }
  out.started = out.decided + static_cast<int>(random.Between(3, 10));
  // Most teams report within the planned duration (working days are about 7/5 as many
  // calendar days); about one in twenty runs late.
  const int planned_calendar = out.planned_working_days * 7 / 5;
  const int late = random.PerMille(50) ? static_cast<int>(random.Between(5, 20)) : 0;
  out.reported =
      out.started +
      std::max(5, planned_calendar - static_cast<int>(random.Below(planned_calendar / 2 + 1))) +
      late;
  out.concluded = out.reported + static_cast<int>(random.Between(5, 15));
  out.notice_issued = out.concluded + static_cast<int>(random.Between(3, 12));
}

void InspectionWorkGenerator::Notice(Random& random, GeneratedInspection& out) {
  const GeneratedOrganization& conducting = dataset_.organizations[out.conducting_organization];
  out.notice_number = absl::StrCat(out.decision_number.substr(0, out.decision_number.find('-')),
                                   "-TB/", Abbreviation(out.body), "/", conducting.code);
  out.strengths.push_back(std::string(kStrengths[random.Below(kStrengths.size())]));
  bool fell_short = false;
  for (const GeneratedSubject& s : out.subjects) {
    if (!s.finding.empty()) {
      fell_short = true;
      if (std::find(out.shortcomings.begin(), out.shortcomings.end(), s.finding) ==
          out.shortcomings.end()) {
        out.shortcomings.push_back(s.finding);
      }
    }
  }
  // Where something fell short the notice sets tasks to remedy it; elsewhere now and then a
  // task to keep up the good work.
  if (fell_short || random.PerMille(250)) {
    const int tasks = fell_short && random.PerMille(500) ? 2 : 1;
    absl::CivilDay last = out.notice_issued;
    for (int i = 0; i < tasks; ++i) {
      GeneratedTask task;
      task.text = i == 0 ? "Tổ chức kiểm điểm, rút kinh nghiệm và khắc phục hạn chế đã chỉ ra"
                         : "Báo cáo kết quả khắc phục về cơ quan kiểm tra";
      task.assignee = std::string(conducting.display_name);
      task.due = out.notice_issued + static_cast<int>(random.Between(60, 150));
      task.completed =
          std::max(out.notice_issued + 1, task.due - static_cast<int>(random.Below(30)));
      last = std::max(last, task.completed);
      out.tasks.push_back(std::move(task));
    }
    out.closed = last + static_cast<int>(random.Between(1, 10));
  } else {
    out.closed = out.notice_issued + static_cast<int>(random.Between(1, 20));
  }
}

void InspectionWorkGenerator::Decide(Random& random, GeneratedInspection& out) {
  for (const GeneratedSubject& s : out.subjects) {
    if (s.outcome != iv1::SUBJECT_OUTCOME_VIOLATION_REQUIRES_DISCIPLINE) continue;
    GeneratedDecision d;
    d.subject = s.ref;
    d.category = s.violation_category;
    d.reasons = s.finding;
    d.decided = out.concluded + static_cast<int>(random.Between(5, 25));
    d.violation = d.decided - static_cast<int>(random.Between(40, 900));
    const int registered = s.ref.member ? -1 : static_cast<int>(s.ref.id);
    const int cell = s.ref.member ? roster_.OrganizationOf(s.ref.id) : registered;
    // The grassroots committee above the subject, if it sits under one, and the upper level.
    int grassroots = -1;
    for (int up = dataset_.organizations[cell].parent; up >= 0;
         up = dataset_.organizations[up].parent) {
      if (dataset_.organizations[up].kind == v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE) {
        grassroots = up;
        break;
      }
    }
    const int upper = UpperAbove(cell);
    if (upper < 0) continue;
    if (s.ref.member) {
      const v1::MemberState state = roster_.State(s.ref.id);
      const bool full = state == v1::MEMBER_STATE_FULL;
      const int draw = static_cast<int>(random.Below(100));
      // Probationary members are only reprimanded or warned; removal from post needs a post;
      // expulsion a full member (domain.md §4).
      if (full && draw < 10) {
        d.form = iv1::DISCIPLINE_FORM_EXPULSION;
      } else if (full && roster_.HoldsPost(s.ref.id) && draw < 17) {
        d.form = iv1::DISCIPLINE_FORM_REMOVAL_FROM_POST;
      } else {
        d.form =
            random.PerMille(650) ? iv1::DISCIPLINE_FORM_REPRIMAND : iv1::DISCIPLINE_FORM_WARNING;
      }
      // Who decides, within the authority matrix (inspection_rules.cc DefaultAuthority): a cell
      // reprimands or warns its own members; removal is decided by the grassroots executive or
      // above; expulsion by a grassroots executive granted upper-level powers or above.
      switch (d.form) {
        case iv1::DISCIPLINE_FORM_EXPULSION:
          if (grassroots >= 0 && dataset_.organizations[grassroots].granted_upper_level_powers) {
            d.deciding_organization = grassroots;
            d.deciding_body = iv1::DECIDING_BODY_GRASSROOTS_EXECUTIVE_UPPER_POWERS;
          } else {
            d.deciding_organization = upper;
            d.deciding_body = iv1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE;
          }
          break;
        case iv1::DISCIPLINE_FORM_REMOVAL_FROM_POST:
          d.deciding_organization = grassroots >= 0 ? grassroots : upper;
          d.deciding_body = grassroots >= 0 ? iv1::DECIDING_BODY_GRASSROOTS_EXECUTIVE
                                            : iv1::DECIDING_BODY_UPPER_STANDING_COMMITTEE;
          break;
        default:
          if (random.PerMille(400)) {
            d.deciding_organization = cell;
            d.deciding_body = iv1::DECIDING_BODY_CELL;
          } else if (grassroots >= 0) {
            d.deciding_organization = grassroots;
            d.deciding_body = iv1::DECIDING_BODY_GRASSROOTS_INSPECTION_COMMITTEE;
          } else {
            d.deciding_organization = upper;
            d.deciding_body = iv1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE;
          }
          break;
      }
      disciplined_this_year_.insert(s.ref.id);
      if (d.form == iv1::DISCIPLINE_FORM_EXPULSION) expelled_.insert(s.ref.id);
    } else {
      // Organizations are reprimanded or warned. Dissolution is left out: membership refuses to
      // dissolve an organization that still has members, which these have.
      d.form = random.PerMille(600) ? iv1::DISCIPLINE_FORM_REPRIMAND : iv1::DISCIPLINE_FORM_WARNING;
      const bool under_grassroots = grassroots >= 0 && grassroots != registered;
      d.deciding_organization = under_grassroots ? grassroots : upper;
      d.deciding_body = under_grassroots ? iv1::DECIDING_BODY_GRASSROOTS_EXECUTIVE
                                         : iv1::DECIDING_BODY_UPPER_STANDING_COMMITTEE;
      disciplined_this_year_.insert(-1 - registered);
    }
    const GeneratedOrganization& deciding = dataset_.organizations[d.deciding_organization];
    d.number = absl::StrCat(out.sequence, "-QĐ/KL/", deciding.code);
    // Some members appeal to the level above (not expulsions: membership has recorded those).
    if (s.ref.member && d.form != iv1::DISCIPLINE_FORM_EXPULSION && deciding.parent >= 0 &&
        random.PerMille(250)) {
      GeneratedAppeal a;
      a.received = d.decided + static_cast<int>(random.Between(2, 7));
      a.filed = a.received + static_cast<int>(random.Between(3, 15));
      a.resolving_organization = deciding.parent;
      a.resolving_level = LevelOf(deciding.parent);
      const int draw = static_cast<int>(random.Below(100));
      if (draw < 20 && d.form == iv1::DISCIPLINE_FORM_WARNING) {
        a.outcome = iv1::APPEAL_OUTCOME_REDUCED;
        a.new_form = iv1::DISCIPLINE_FORM_REPRIMAND;
      } else if (draw >= 85) {
        a.outcome = iv1::APPEAL_OUTCOME_ANNULLED;
      } else {
        a.outcome = iv1::APPEAL_OUTCOME_UPHELD;
      }
      a.resolved = a.filed + static_cast<int>(random.Between(20, 100));
      a.resolution_number =
          absl::StrCat(out.sequence, "-QĐ/GQKN/", dataset_.organizations[deciding.parent].code);
      d.appeal = a;
    }
    out.decisions.push_back(std::move(d));
  }
}

}  // namespace dangbo::bench
