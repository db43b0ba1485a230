// Hand-built answers of the reporting service for the report tests: seed 001's year 2022.
#ifndef DANGBO_TESTS_TOOLS_REPORT_FIXTURES_H_
#define DANGBO_TESTS_TOOLS_REPORT_FIXTURES_H_

#include <cstdint>
#include <map>
#include <string>

#include "dangbo/reporting/v1/reporting_service.pb.h"
#include "services/reporting/domain/inspection_figures.h"

namespace dangbo::ctl::report_fixtures {

namespace rv1 = ::dangbo::reporting::v1;

inline rv1::Period Year(int year) {
  rv1::Period period;
  period.set_kind(rv1::Period::KIND_YEAR);
  period.set_year(year);
  return period;
}

// Every figure of the inspection catalogue, with its label, at `values` (distinct,
// occurrences) by key, zero otherwise.
inline rv1::Statistics InspectionAnswer(
    const std::string& scope, const std::map<std::string, std::pair<int64_t, int64_t>>& values) {
  rv1::Statistics answer;
  answer.set_scope(scope);
  *answer.mutable_period() = Year(2022);
  for (const reporting::FigureDefinition& definition : reporting::InspectionFigures()) {
    rv1::Figure* figure = answer.add_figures();
    figure->set_key(std::string(definition.key));
    figure->set_label(std::string(definition.label));
    auto it = values.find(figure->key());
    if (it != values.end()) {
      figure->set_distinct(it->second.first);
      figure->set_occurrences(it->second.second);
    }
  }
  return answer;
}

// Seed 001: "kiểm tra 1.126 tổ chức Đảng, 7.124 đảng viên; giám sát chuyên đề đối với 1.096 tổ
// chức Đảng, 5.627 đảng viên. Trong đó, phát hiện 2 tổ chức Đảng, 1 đảng viên thực hiện chưa tốt
// nhiệm vụ theo nội dung kiểm tra; thi hành kỷ luật với 15 tổ chức Đảng, 296 đảng viên", with one
// organization and one member inspected twice and one member disciplined twice.
inline rv1::Statistics Seed001Answer(const std::string& scope = "organizations/1") {
  rv1::Statistics answer = InspectionAnswer(
      scope, {
                 {"committee.thematic_inspection.organizations", {1126, 1127}},
                 {"committee.thematic_inspection.members", {7124, 7125}},
                 {"committee.thematic_inspection.organizations_shortcomings", {2, 2}},
                 {"committee.thematic_inspection.members_shortcomings", {1, 1}},
                 {"committee.thematic_supervision.organizations", {1096, 1096}},
                 {"committee.thematic_supervision.members", {5627, 5627}},
                 {"ubkt.violation_signs.members", {12, 12}},
                 {"discipline.organizations.total", {15, 15}},
                 {"discipline.members.total", {296, 297}},
                 {"discipline.members.expulsion", {40, 40}},
             });
  rv1::Freshness* freshness = answer.mutable_freshness();
  freshness->set_membership_sequence(1200);
  freshness->set_membership_head(1200);
  freshness->set_inspection_sequence(845);
  freshness->set_inspection_head(850);
  // 2023-01-05T03:04:05Z, 10:04:05 in Vietnam.
  freshness->mutable_newest_event_time()->set_seconds(1672887845);
  return answer;
}

inline rv1::Statistics MembershipAnswer(const std::string& scope = "organizations/1") {
  rv1::Statistics answer;
  answer.set_scope(scope);
  *answer.mutable_period() = Year(2022);
  answer.mutable_as_of()->set_year(2022);
  answer.mutable_as_of()->set_month(12);
  answer.mutable_as_of()->set_day(31);
  auto add = [&](const char* key, const char* label, int64_t n) {
    rv1::Figure* figure = answer.add_figures();
    figure->set_key(key);
    figure->set_label(label);
    figure->set_distinct(n);
    figure->set_occurrences(n);
  };
  add("members.total", "Tổng số đảng viên", 201345);
  add("members.movement.admitted", "Kết nạp đảng viên mới", 4321);
  rv1::Freshness* freshness = answer.mutable_freshness();
  freshness->set_membership_sequence(1190);
  freshness->set_membership_head(1201);
  freshness->set_inspection_sequence(850);
  freshness->set_inspection_head(850);
  freshness->mutable_newest_event_time()->set_seconds(1672887000);
  return answer;
}

}  // namespace dangbo::ctl::report_fixtures

#endif  // DANGBO_TESTS_TOOLS_REPORT_FIXTURES_H_
