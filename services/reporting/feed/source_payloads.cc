#include "services/reporting/feed/source_payloads.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/dates.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"

namespace dangbo::reporting {
namespace {

namespace ipb = dangbo::inspection::v1;
namespace mpb = dangbo::membership::v1;
using inspection::SubjectKind;
using inspection::SubjectRef;

absl::StatusOr<SubjectRef> SubjectFromName(std::string_view field, std::string_view name) {
  if (name.starts_with("members/")) {
    absl::StatusOr<int64_t> id = api::ParseResourceId(field, "members", name);
    if (!id.ok()) return id.status();
    return SubjectRef{.kind = SubjectKind::kMember, .id = *id};
  }
  absl::StatusOr<int64_t> id = api::ParseResourceId(field, "organizations", name);
  if (!id.ok()) return id.status();
  return SubjectRef{.kind = SubjectKind::kOrganization, .id = *id};
}

absl::StatusOr<int64_t> OrganizationId(std::string_view field, std::string_view name) {
  return api::ParseResourceId(field, "organizations", name);
}

// `disciplinaryDecisions/{d}/appeals/{a}`.
absl::Status ParseAppealName(std::string_view name, int64_t& decision, int64_t& appeal) {
  std::vector<std::string> parts = absl::StrSplit(ToAbsl(name), '/');
  if (parts.size() != 4 || parts[0] != "disciplinaryDecisions" || parts[2] != "appeals" ||
      !absl::SimpleAtoi(parts[1], &decision) || decision <= 0 ||
      !absl::SimpleAtoi(parts[3], &appeal) || appeal <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("appeal.name: must be disciplinaryDecisions/{id}/appeals/{id}, got \"",
                     ToAbsl(name), "\""));
  }
  return absl::OkStatus();
}

// "" for none (an event before the member had an organization).
absl::StatusOr<int64_t> OptionalOrganizationId(std::string_view field, std::string_view name) {
  if (name.empty()) return 0;
  return OrganizationId(field, name);
}

}  // namespace

absl::StatusOr<membership::Member> MemberFromFeed(const mpb::Member& in, int64_t version) {
  membership::Member out;
  absl::StatusOr<int64_t> id = api::ParseResourceId("member.name", "members", in.name());
  if (!id.ok()) return id.status();
  out.id = *id;
  out.version = version;
  out.gender = static_cast<membership::Gender>(in.gender());
  out.state = static_cast<membership::MemberState>(in.state());
  absl::StatusOr<int64_t> org = OrganizationId("member.organization", in.organization());
  if (!org.ok()) return org.status();
  out.organization_id = *org;
  out.youth_union_member = in.youth_union_member();
  out.political_theory_level =
      static_cast<membership::PoliticalTheoryLevel>(in.political_theory_level());
  out.general_education = in.general_education();
  out.professional_qualification = in.professional_qualification();
  absl::StatusOr<std::optional<Date>> birth =
      api::ParseOptionalDate("member.personal_data.birth_date", in.personal_data().birth_date());
  if (!birth.ok()) return birth.status();
  out.personal.birth_date = *birth;
  out.personal.ethnicity = in.personal_data().ethnicity();
  out.personal.religion = in.personal_data().religion();
  absl::StatusOr<std::optional<Date>> admitted =
      api::ParseOptionalDate("member.admission_decision_date", in.admission_decision_date());
  if (!admitted.ok()) return admitted.status();
  out.admission_decision_date = *admitted;
  absl::StatusOr<std::optional<Date>> full =
      api::ParseOptionalDate("member.full_member_date", in.full_member_date());
  if (!full.ok()) return full.status();
  out.full_member_date = *full;
  return out;
}

absl::StatusOr<membership::MemberEvent> MemberEventFromFeed(const mpb::MemberEvent& in) {
  membership::MemberEvent out;
  // `members/{member}/events/{event}`.
  std::vector<std::string> parts = absl::StrSplit(in.name(), '/');
  if (parts.size() != 4 || parts[0] != "members" || parts[2] != "events" ||
      !absl::SimpleAtoi(parts[1], &out.member_id) || out.member_id <= 0 ||
      !absl::SimpleAtoi(parts[3], &out.id) || out.id <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("event.name: must be members/{id}/events/{id}, got \"", in.name(), "\""));
  }
  out.type = static_cast<membership::MemberEventType>(in.type());
  absl::StatusOr<Date> effective =
      api::ParseRequiredDate("event.effective_date", in.effective_date());
  if (!effective.ok()) return effective.status();
  out.effective_date = *effective;
  out.state_before = static_cast<membership::MemberState>(in.state_before());
  out.state_after = static_cast<membership::MemberState>(in.state_after());
  absl::StatusOr<int64_t> before =
      OptionalOrganizationId("event.organization_before", in.organization_before());
  if (!before.ok()) return before.status();
  out.organization_before = *before;
  absl::StatusOr<int64_t> after =
      OptionalOrganizationId("event.organization_after", in.organization_after());
  if (!after.ok()) return after.status();
  out.organization_after = *after;
  return out;
}

absl::StatusOr<RatingRecord> RatingFromFeed(const mpb::Rating& in, int64_t version) {
  RatingRecord out;
  absl::StatusOr<SubjectRef> subject = SubjectFromName("rating.subject", in.subject());
  if (!subject.ok()) return subject.status();
  out.kind = subject->kind == SubjectKind::kMember ? RatedSubjectKind::kMember
                                                   : RatedSubjectKind::kOrganization;
  out.subject_id = subject->id;
  out.year = in.year();
  out.level = static_cast<RatingLevel>(in.level());
  absl::StatusOr<int64_t> rated_in =
      OptionalOrganizationId("rating.rated_in_organization", in.rated_in_organization());
  if (!rated_in.ok()) return rated_in.status();
  out.rated_in_organization_id = *rated_in;
  out.version = version;
  return out;
}

absl::StatusOr<membership::Badge> BadgeFromFeed(const mpb::Badge& in) {
  membership::Badge out;
  absl::StatusOr<int64_t> member = api::ParseResourceId("badge.member", "members", in.member());
  if (!member.ok()) return member.status();
  out.member_id = *member;
  out.years = in.years();
  absl::StatusOr<std::optional<Date>> awarded =
      api::ParseOptionalDate("badge.award_date", in.award_date());
  if (!awarded.ok()) return awarded.status();
  if (!awarded->has_value()) return absl::InvalidArgumentError("badge.award_date: required");
  out.award_date = **awarded;
  return out;
}

std::string_view PayloadType(const google::protobuf::Any& payload) {
  std::string_view url = payload.type_url();
  const size_t slash = url.rfind('/');
  return slash == std::string_view::npos ? url : url.substr(slash + 1);
}

std::string FeedResourceKey(const dangbo::type::v1::Change& change) {
  if (change.payload().Is<mpb::Badge>()) {
    // A badge's change names its member: it must not take the member's row.
    mpb::Badge badge;
    if (!change.payload().UnpackTo(&badge)) return absl::StrCat(change.resource(), "/badges/bad");
    return absl::StrCat(change.resource(), "/badges/", badge.years());
  }
  if (!change.payload().Is<mpb::Rating>()) return change.resource();
  mpb::Rating rating;
  // One that does not parse still stays off the subject's row; the model then rejects it.
  if (!change.payload().UnpackTo(&rating)) return absl::StrCat(change.resource(), "/ratings/bad");
  return absl::StrCat(change.resource(), "/ratings/", rating.year());
}

absl::StatusOr<inspection::Inspection> InspectionFromFeed(const ipb::Inspection& in,
                                                          int64_t version) {
  inspection::Inspection out;
  absl::StatusOr<int64_t> id = api::ParseResourceId("inspection.name", "inspections", in.name());
  if (!id.ok()) return id.status();
  out.id = *id;
  out.version = version;
  // Enum values are the domain's (services/inspection/domain/model.h mirrors the protos); the
  // model checks their ranges.
  out.type = static_cast<inspection::InspectionType>(in.type());
  out.conducting_body = static_cast<inspection::ConductingBody>(in.conducting_body());
  out.stage = static_cast<inspection::InspectionStage>(in.stage());
  if (!in.conducting_organization().empty()) {
    absl::StatusOr<int64_t> org =
        OrganizationId("inspection.conducting_organization", in.conducting_organization());
    if (!org.ok()) return org.status();
    out.conducting_organization_id = *org;
  }
  absl::StatusOr<std::optional<Date>> decided =
      api::ParseOptionalDate("inspection.decision.date", in.decision().date());
  if (!decided.ok()) return decided.status();
  out.decision.date = *decided;
  out.decision.number = in.decision().number();
  for (int i = 0; i < in.subjects_size(); ++i) {
    const ipb::InspectionSubject& s = in.subjects(i);
    const std::string field = absl::StrCat("inspection.subjects[", i, "]");
    inspection::InspectionSubject subject;
    absl::StatusOr<SubjectRef> ref = SubjectFromName(absl::StrCat(field, ".subject"), s.subject());
    if (!ref.ok()) return ref.status();
    subject.subject = *ref;
    subject.committee_member = s.committee_member();
    if (!s.organization_at_decision().empty()) {
      absl::StatusOr<int64_t> org = OrganizationId(absl::StrCat(field, ".organization_at_decision"),
                                                   s.organization_at_decision());
      if (!org.ok()) return org.status();
      subject.organization_id_at_decision = *org;
    }
    subject.outcome = static_cast<inspection::SubjectOutcome>(s.outcome());
    out.subjects.push_back(subject);
  }
  return out;
}

absl::StatusOr<inspection::DisciplinaryDecision> DecisionFromFeed(
    const ipb::DisciplinaryDecision& in, int64_t version) {
  inspection::DisciplinaryDecision out;
  absl::StatusOr<int64_t> id =
      api::ParseResourceId("decision.name", "disciplinaryDecisions", in.name());
  if (!id.ok()) return id.status();
  out.id = *id;
  out.version = version;
  absl::StatusOr<SubjectRef> subject = SubjectFromName("decision.subject", in.subject());
  if (!subject.ok()) return subject.status();
  out.subject = *subject;
  absl::StatusOr<int64_t> subject_org =
      OrganizationId("decision.subject_organization", in.subject_organization());
  if (!subject_org.ok()) return subject_org.status();
  out.subject_organization_id = *subject_org;
  absl::StatusOr<int64_t> deciding =
      OrganizationId("decision.deciding_organization", in.deciding_organization());
  if (!deciding.ok()) return deciding.status();
  out.deciding_organization_id = *deciding;
  out.form = static_cast<inspection::DisciplineForm>(in.form());
  out.deciding_body = static_cast<inspection::DecidingBody>(in.deciding_body());
  absl::StatusOr<Date> decided =
      api::ParseRequiredDate("decision.decision_date", in.decision_date());
  if (!decided.ok()) return decided.status();
  out.decision_date = *decided;
  absl::StatusOr<Date> effective =
      api::ParseRequiredDate("decision.effective_date", in.effective_date());
  if (!effective.ok()) return effective.status();
  out.effective_date = *effective;
  return out;
}

absl::StatusOr<inspection::Appeal> AppealFromFeed(const ipb::Appeal& in, int64_t version) {
  inspection::Appeal out;
  if (absl::Status s = ParseAppealName(in.name(), out.decision_id, out.id); !s.ok()) return s;
  out.version = version;
  absl::StatusOr<Date> filed = api::ParseRequiredDate("appeal.filed_date", in.filed_date());
  if (!filed.ok()) return filed.status();
  out.filed_date = *filed;
  absl::StatusOr<int64_t> resolving =
      OrganizationId("appeal.resolving_organization", in.resolving_organization());
  if (!resolving.ok()) return resolving.status();
  out.resolving_organization_id = *resolving;
  if (in.has_resolution() && in.resolution().outcome() != ipb::APPEAL_OUTCOME_UNSPECIFIED) {
    inspection::AppealResolution resolution;
    resolution.outcome = static_cast<inspection::AppealOutcome>(in.resolution().outcome());
    resolution.new_form = static_cast<inspection::DisciplineForm>(in.resolution().new_form());
    absl::StatusOr<Date> date =
        api::ParseRequiredDate("appeal.resolution.date", in.resolution().date());
    if (!date.ok()) return date.status();
    resolution.date = *date;
    out.resolution = resolution;
  }
  return out;
}

absl::StatusOr<std::vector<OrganizationVersion>> OrganizationHistoryFromFeed(
    int64_t organization_id,
    const google::protobuf::RepeatedPtrField<mpb::OrganizationChange>& changes) {
  struct Dated {
    Date effective;
    int index;
  };
  std::vector<Dated> order;
  for (int i = 0; i < changes.size(); ++i) {
    absl::StatusOr<Date> day = api::ParseRequiredDate(
        absl::StrCat("changes[", i, "].effective_date"), changes[i].effective_date());
    if (!day.ok()) return day.status();
    order.push_back({*day, i});
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Dated& a, const Dated& b) { return a.effective < b.effective; });

  std::vector<OrganizationVersion> rows;
  auto close_open_row = [&rows](Date day) {
    if (rows.empty() || rows.back().valid_to.has_value()) return;
    if (rows.back().valid_from < day) {
      rows.back().valid_to = day;
    } else {
      rows.pop_back();  // replaced on the day it began
    }
  };
  for (const Dated& d : order) {
    const mpb::OrganizationChange& change = changes[d.index];
    close_open_row(d.effective);
    if (change.kind() == mpb::OrganizationChange::KIND_DISSOLVED ||
        change.kind() == mpb::OrganizationChange::KIND_MERGED) {
      continue;
    }
    const mpb::Organization& snapshot = change.snapshot();
    OrganizationVersion row{
        .organization_id = organization_id,
        .kind = static_cast<OrganizationKind>(snapshot.kind()),
        .ownership = static_cast<EnterpriseOwnership>(snapshot.enterprise_ownership()),
        .valid_from = d.effective};
    if (!snapshot.parent().empty()) {
      absl::StatusOr<int64_t> parent =
          OrganizationId(absl::StrCat("changes[", d.index, "].snapshot.parent"), snapshot.parent());
      if (!parent.ok()) return parent.status();
      row.parent_id = *parent;
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace dangbo::reporting
