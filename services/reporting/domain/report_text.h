// Report text in Vietnamese: numbers written the Vietnamese way and the headline paragraph of
// the inspection work in the style of seed 001.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_REPORT_TEXT_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_REPORT_TEXT_H_

#include <cstdint>
#include <string>

#include "services/reporting/domain/inspection_statistics.h"

namespace dangbo::reporting {

// Thousands grouped with dots: 1126 → "1.126", 7124 → "7.124", -2500 → "-2.500".
std::string FormatVietnameseNumber(int64_t n);

// Which count of a figure a text prints.
enum class CountKind {
  kDistinct,     // each organization or member once
  kOccurrences,  // lượt
};

// The paragraph on the committees' inspection work and discipline (seed 001):
//   "Cấp ủy các cấp đã tiến hành kiểm tra 1.126 tổ chức Đảng, 7.124 đảng viên; giám sát chuyên
//   đề đối với 1.096 tổ chức Đảng, 5.627 đảng viên. Trong đó, phát hiện 2 tổ chức Đảng, 1 đảng
//   viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; thi hành kỷ luật với 15 tổ chức
//   Đảng, 296 đảng viên."
// from committee.thematic_inspection.*, committee.thematic_supervision.{organizations,members},
// committee.thematic_inspection.*_shortcomings (the phrase "theo nội dung kiểm tra" names the
// inspection's findings) and discipline.{organizations,members}.total. When no subject had
// shortcomings, or none was disciplined, the clause says so instead of printing zeros.
std::string InspectionHeadline(const Statistics& statistics,
                               CountKind count = CountKind::kDistinct);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_REPORT_TEXT_H_
