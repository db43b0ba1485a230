#include "bench/dataset/csv_writer.h"

#include <optional>
#include <string>
#include <string_view>

#include "bench/dataset/enum_text.h"
#include "bench/dataset/member_generator.h"

namespace dangbo::bench {
namespace {

class CsvRow {
 public:
  explicit CsvRow(std::ostream& out) : out_(out) {}
  ~CsvRow() { out_ << '\n'; }

  CsvRow& operator<<(absl::string_view field) {
    if (!first_) out_ << ',';
    first_ = false;
    if (field.find_first_of(",\"\r\n") == absl::string_view::npos) {
      out_ << field;
      return *this;
    }
    out_ << '"';
    for (char c : field) {
      if (c == '"') out_ << '"';
      out_ << c;
    }
    out_ << '"';
    return *this;
  }
  // Without this a string literal would take the bool overload (a standard conversion).
  CsvRow& operator<<(const char* field) { return *this << absl::string_view(field); }
  CsvRow& operator<<(int64_t number) { return *this << absl::string_view(std::to_string(number)); }
  CsvRow& operator<<(bool flag) { return *this << absl::string_view(flag ? "true" : "false"); }
  CsvRow& operator<<(const std::optional<absl::CivilDay>& day) {
    return *this << absl::string_view(day ? DateText(*day) : std::string());
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

void WriteOrganizationsCsv(const Dataset& dataset, std::ostream& out) {
  CsvRow(out) << "code"
              << "parent_code"
              << "kind"
              << "display_name"
              << "enterprise_name"
              << "enterprise_ownership"
              << "granted_upper_level_powers"
              << "established_date"
              << "decision_number"
              << "decision_date";
  for (const GeneratedOrganization& org : dataset.organizations) {
    const absl::string_view parent_code =
        org.parent < 0 ? absl::string_view() : dataset.organizations[org.parent].code;
    CsvRow(out) << org.code << parent_code << KindText(org.kind) << org.display_name
                << org.enterprise_name << OwnershipText(org.ownership)
                << org.granted_upper_level_powers << std::optional(org.established)
                << org.decision_number << std::optional(org.established);
  }
}

int64_t WriteMembersCsv(const Dataset& dataset, const std::vector<std::string>* organization_names,
                        std::ostream& out) {
  CsvRow(out) << "citizen_id"
              << "full_name"
              << "gender"
              << "organization"
              << "party_card_number"
              << "party_profile_number"
              << "general_education"
              << "professional_qualification"
              << "academic_title"
              << "political_theory_level"
              << "occupation"
              << "position"
              << "department_leader"
              << "youth_union_member"
              << "birth_date"
              << "ethnicity"
              << "religion"
              << "address"
              << "admission_decision_date"
              << "admission_ceremony_date"
              << "full_member_date"
              << "initial_state";
  MemberGenerator members(dataset);
  GeneratedMember m;
  int64_t rows = 0;
  while (members.Next(m)) {
    const std::string& organization = organization_names != nullptr
                                          ? (*organization_names)[m.organization]
                                          : dataset.organizations[m.organization].code;
    CsvRow(out) << m.citizen_id << m.full_name << GenderText(m.gender) << organization
                << m.party_card_number << m.party_profile_number << m.general_education
                << m.professional_qualification << m.academic_title
                << TheoryText(m.political_theory_level) << m.occupation << m.position
                << m.department_leader << m.youth_union_member << std::optional(m.birth_date)
                << m.ethnicity << m.religion << m.address << m.admission_decision_date
                << m.admission_ceremony_date << m.full_member_date << StateText(m.state);
    ++rows;
  }
  return rows;
}

}  // namespace dangbo::bench
