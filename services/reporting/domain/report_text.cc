#include "services/reporting/domain/report_text.h"

#include "absl/strings/str_cat.h"

namespace dangbo::reporting {
namespace {

std::string Count(const Statistics& s, FigureId id, CountKind kind) {
  const FigureValue& f = s.figure(id);
  return FormatVietnameseNumber(kind == CountKind::kDistinct ? f.distinct : f.occurrences);
}

bool Zero(const Statistics& s, FigureId a, FigureId b) {
  return s.figure(a).occurrences == 0 && s.figure(b).occurrences == 0;
}

}  // namespace

std::string FormatVietnameseNumber(int64_t n) {
  // Work on the magnitude as unsigned so that INT64_MIN has one too.
  const bool negative = n < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  std::string digits = absl::StrCat(magnitude);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  if (negative) out.push_back('-');
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

std::string InspectionHeadline(const Statistics& s, CountKind count) {
  using F = FigureId;
  std::string text = absl::StrCat(
      "Cấp ủy các cấp đã tiến hành kiểm tra ",
      Count(s, F::kCommitteeThematicInspectionOrganizations, count), " tổ chức Đảng, ",
      Count(s, F::kCommitteeThematicInspectionMembers, count),
      " đảng viên; giám sát chuyên đề đối với ",
      Count(s, F::kCommitteeThematicSupervisionOrganizations, count), " tổ chức Đảng, ",
      Count(s, F::kCommitteeThematicSupervisionMembers, count), " đảng viên. Trong đó, ");
  if (Zero(s, F::kCommitteeThematicInspectionOrganizationsShortcomings,
           F::kCommitteeThematicInspectionMembersShortcomings)) {
    absl::StrAppend(&text,
                    "không phát hiện tổ chức Đảng, đảng viên nào thực hiện chưa tốt nhiệm vụ "
                    "theo nội dung kiểm tra; ");
  } else {
    absl::StrAppend(&text, "phát hiện ",
                    Count(s, F::kCommitteeThematicInspectionOrganizationsShortcomings, count),
                    " tổ chức Đảng, ",
                    Count(s, F::kCommitteeThematicInspectionMembersShortcomings, count),
                    " đảng viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; ");
  }
  if (Zero(s, F::kDisciplineOrganizationsTotal, F::kDisciplineMembersTotal)) {
    absl::StrAppend(&text, "không có tổ chức Đảng, đảng viên nào bị thi hành kỷ luật.");
  } else {
    absl::StrAppend(&text, "thi hành kỷ luật với ",
                    Count(s, F::kDisciplineOrganizationsTotal, count), " tổ chức Đảng, ",
                    Count(s, F::kDisciplineMembersTotal, count), " đảng viên.");
  }
  return text;
}

}  // namespace dangbo::reporting
