// Annual quality ratings and party badges.
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "services/membership/api/mapping.h"
#include "services/membership/api/membership_service.h"
#include "services/membership/domain/derived.h"
#include "services/membership/domain/ratings.h"

namespace dangbo::membership {
namespace {

using auth::Action;

constexpr int kMaxRatingsPerBatch = 1000;

// "members/7" or "organizations/7".
absl::StatusOr<std::pair<Rating::SubjectKind, int64_t>> ParseSubject(std::string_view field,
                                                                     std::string_view name) {
  if (name.rfind(kMembers, 0) == 0) {
    DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId(field, kMembers, name));
    return std::make_pair(Rating::SubjectKind::kMember, id);
  }
  DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId(field, kOrganizations, name));
  return std::make_pair(Rating::SubjectKind::kOrganization, id);
}

}  // namespace

grpc::Status MembershipServiceImpl::BatchRecordRatings(grpc::ServerContext* ctx,
                                                       const v1::BatchRecordRatingsRequest* req,
                                                       v1::BatchRecordRatingsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteMember));
    if (req->ratings().empty()) return status::InvalidField("ratings", "name at least one");
    if (req->ratings_size() > kMaxRatingsPerBatch) {
      return status::InvalidField("ratings", absl::StrCat("at most ", kMaxRatingsPerBatch));
    }
    const Date today = Today();
    std::vector<Rating> ratings;
    for (int i = 0; i < req->ratings_size(); ++i) {
      const v1::Rating& in = req->ratings(i);
      const std::string field = absl::StrCat("ratings[", i, "]");
      Rating r;
      DANGBO_ASSIGN_OR_RETURN(auto subject,
                              ParseSubject(absl::StrCat(field, ".subject"), in.subject()));
      r.subject_kind = subject.first;
      r.subject_id = subject.second;
      if (in.year() < 1930 || in.year() > today.year()) {
        return status::InvalidField(absl::StrCat(field, ".year"),
                                    absl::StrCat("must be between 1930 and ", today.year()));
      }
      r.year = in.year();
      if (!v1::RatingLevel_IsValid(in.level()) || in.level() == 0) {
        return status::InvalidField(absl::StrCat(field, ".level"), "required");
      }
      r.level = static_cast<RatingLevel>(in.level());
      if (in.has_score()) r.score = in.score();
      if (!in.rated_in_organization().empty()) {
        DANGBO_ASSIGN_OR_RETURN(r.rated_in_organization_id,
                                api::ParseResourceId(absl::StrCat(field, ".rated_in_organization"),
                                                     kOrganizations, in.rated_in_organization()));
      }
      DANGBO_RETURN_IF_ERROR(status::ValidateText(absl::StrCat(field, ".note"), in.note(), 1000,
                                                  /*required=*/false));
      r.note = in.note();
      // Whether the member was disciplined that year is the inspection service's knowledge;
      // until it reports discipline here, the rule is checked with "not disciplined".
      DANGBO_RETURN_IF_ERROR(Prefixed(
          field, CheckRating(r, /*disciplined_during_year=*/false, deps_.rules->At(today))));
      ratings.push_back(std::move(r));
    }
    return Mutate(
        "BatchRecordRatings", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          MutationOutcome outcome;
          v1::BatchRecordRatingsResponse out;
          for (size_t i = 0; i < ratings.size(); ++i) {
            Rating& r = ratings[i];
            const std::string field = absl::StrCat("ratings[", i, "].subject");
            int64_t organization_id = r.subject_id;
            if (r.subject_kind == Rating::SubjectKind::kMember) {
              DANGBO_ASSIGN_OR_RETURN(Member m, tx.LockMember(r.subject_id));
              organization_id = m.organization_id;
            }
            if (r.rated_in_organization_id == 0) r.rated_in_organization_id = organization_id;
            DANGBO_RETURN_IF_ERROR(
                AuthorizeAt(principal, Action::kWriteMember, field, organization_id));
            DANGBO_RETURN_IF_ERROR(tx.UpsertRating(r));
            v1::Rating pb = req->ratings(i);
            pb.set_rated_in_organization(
                api::ResourceName(kOrganizations, r.rated_in_organization_id));
            outcome.changes.push_back(MakeChange(pb.subject(), "rated", pb));
            *out.add_ratings() = std::move(pb);
          }
          for (std::string& w : BatchWarnings(ratings, deps_.rules->At(today))) {
            out.add_warnings(std::move(w));
          }
          outcome.response = out.SerializeAsString();
          outcome.resource = "ratings";
          outcome.audit_detail = absl::StrCat(ratings.size(), " ratings");
          return outcome;
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::ListRatings(grpc::ServerContext* ctx,
                                                const v1::ListRatingsRequest* req,
                                                v1::ListRatingsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadMember));
    RatingFilter filter;
    DANGBO_ASSIGN_OR_RETURN(filter.page_size, api::PageSize(req->page_size(), 100, 1000));
    filter.year = req->year();
    if (!req->subject().empty()) {
      DANGBO_ASSIGN_OR_RETURN(auto subject, ParseSubject("subject", req->subject()));
      filter.subject = subject;
      int64_t organization_id = subject.second;
      if (subject.first == Rating::SubjectKind::kMember) {
        DANGBO_ASSIGN_OR_RETURN(Member m, deps_.store->GetMember(subject.second));
        organization_id = m.organization_id;
      }
      DANGBO_RETURN_IF_ERROR(
          AuthorizeAt(principal, Action::kReadMember, "subject", organization_id));
    } else {
      if (req->subtree().empty()) return status::InvalidField("subtree", "name subtree or subject");
      DANGBO_ASSIGN_OR_RETURN(int64_t root,
                              api::ParseResourceId("subtree", kOrganizations, req->subtree()));
      DANGBO_ASSIGN_OR_RETURN(std::string path, PathOf("subtree", root));
      DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, Action::kReadMember, path));
      filter.subtree_path = path;
    }
    const std::string digest = absl::StrCat(req->subtree(), "|", req->subject(), "|", req->year());
    DANGBO_ASSIGN_OR_RETURN(filter.offset, api::DecodePageToken(req->page_token(), digest));
    const int page_size = filter.page_size;
    filter.page_size = page_size + 1;
    DANGBO_ASSIGN_OR_RETURN(std::vector<Rating> found, deps_.store->ListRatings(filter));
    const bool more = static_cast<int>(found.size()) > page_size;
    if (more) found.resize(page_size);
    for (const Rating& r : found) {
      v1::Rating* out = resp->add_ratings();
      out->set_subject(api::ResourceName(
          r.subject_kind == Rating::SubjectKind::kMember ? kMembers : kOrganizations,
          r.subject_id));
      out->set_year(r.year);
      out->set_level(static_cast<v1::RatingLevel>(r.level));
      if (r.score) out->set_score(*r.score);
      out->set_rated_in_organization(api::ResourceName(kOrganizations, r.rated_in_organization_id));
      out->set_note(r.note);
    }
    if (more) resp->set_next_page_token(api::EncodePageToken(filter.offset + page_size, digest));
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::RecordBadge(grpc::ServerContext* ctx,
                                                const v1::RecordBadgeRequest* req,
                                                v1::Badge* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteMember));
    const v1::Badge& in = req->badge();
    Badge badge;
    DANGBO_ASSIGN_OR_RETURN(badge.member_id,
                            api::ParseResourceId("badge.member", kMembers, in.member()));
    const Date today = Today();
    const MembershipRules& rules = deps_.rules->At(today);
    if (std::find(rules.badge_milestone_years.begin(), rules.badge_milestone_years.end(),
                  in.years()) == rules.badge_milestone_years.end()) {
      return status::InvalidField("badge.years", "is not a party badge milestone");
    }
    badge.years = in.years();
    DANGBO_ASSIGN_OR_RETURN(badge.award_date,
                            api::ParseRequiredDate("badge.award_date", in.award_date()));
    if (badge.award_date > today) {
      return status::InvalidField("badge.award_date", "must not be in the future");
    }
    DANGBO_ASSIGN_OR_RETURN(badge.decision, DecisionFromProto("badge.decision", in.decision()));
    badge.posthumous = in.posthumous();
    badge.early = in.early();
    return Mutate(
        "RecordBadge", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Member m, tx.LockMember(badge.member_id));
          DANGBO_RETURN_IF_ERROR(
              AuthorizeAt(principal, Action::kWriteMember, "badge.member", m.organization_id));
          DANGBO_ASSIGN_OR_RETURN(std::vector<MemberEvent> history, tx.MemberEvents(m.id));
          const MembershipRules& at_award = deps_.rules->At(badge.award_date);
          std::optional<PartyAge> age =
              PartyAgeAt(m, history, badge.award_date, at_award, *deps_.calendar);
          if (!age) {
            return status::FailedPrecondition(
                "member", in.member(), "badge.member: was not a party member on the award date");
          }
          // Early awards (serious illness) may come up to 12 or 24 months before the milestone.
          const int early_months = badge.years >= at_award.badge_senior_from_years
                                       ? at_award.badge_early_months_senior
                                       : at_award.badge_early_months_standard;
          const int short_by = badge.years * 12 - age->total_months;
          if (short_by > 0 && !badge.posthumous && (!badge.early || short_by > early_months)) {
            return status::FailedPrecondition(
                "member", in.member(),
                absl::StrCat("badge.years: party age on the award date is ", age->years, " years ",
                             age->months, " months; ",
                             badge.early ? absl::StrCat("early awards come at most ", early_months,
                                                        " months before the milestone")
                                         : "set `early` for a seriously ill member"));
          }
          DANGBO_RETURN_IF_ERROR(tx.InsertBadge(badge));
          v1::Badge out = in;
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(in.member(), "badge_awarded", out)},
                                 .resource = in.member(),
                                 .audit_detail = absl::StrCat(badge.years, "-year badge")};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::ListBadges(grpc::ServerContext* ctx,
                                               const v1::ListBadgesRequest* req,
                                               v1::ListBadgesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(Member member, ReadableMember(ctx, req->member()));
    DANGBO_ASSIGN_OR_RETURN(std::vector<Badge> badges, deps_.store->ListBadges(member.id));
    for (const Badge& b : badges) {
      v1::Badge* out = resp->add_badges();
      out->set_member(req->member());
      out->set_years(b.years);
      *out->mutable_award_date() = api::ToProtoDate(b.award_date);
      *out->mutable_decision() = DecisionToProto(b.decision);
      out->set_posthumous(b.posthumous);
      out->set_early(b.early);
    }
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::ListDueActions(grpc::ServerContext* ctx,
                                                   const v1::ListDueActionsRequest* req,
                                                   v1::ListDueActionsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadMember));
    DANGBO_ASSIGN_OR_RETURN(int64_t root,
                            api::ParseResourceId("subtree", kOrganizations, req->subtree()));
    DANGBO_ASSIGN_OR_RETURN(std::string path, PathOf("subtree", root));
    DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, Action::kReadMember, path));
    const int horizon = req->horizon_days() == 0 ? 90 : req->horizon_days();
    if (horizon < 0 || horizon > 3660) {
      return status::InvalidField("horizon_days", "must be between 1 and 3660");
    }
    std::vector<DueActionKind> kinds;
    for (int kind : req->kinds()) {
      if (!v1::DueAction::Kind_IsValid(kind) || kind == 0) {
        return status::InvalidField("kinds", absl::StrCat("unknown kind ", kind));
      }
      kinds.push_back(static_cast<DueActionKind>(kind));
    }
    DANGBO_ASSIGN_OR_RETURN(int page_size, api::PageSize(req->page_size(), 100, 1000));
    v1::ListDueActionsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = digest_of.SerializeAsString();
    DANGBO_ASSIGN_OR_RETURN(int64_t after_member, api::DecodePageToken(req->page_token(), digest));

    const Date today = Today();
    const MembershipRules& rules = deps_.rules->At(today);
    // Walk the subtree's members in id order, a slice at a time, until the page is full.
    int64_t cursor = after_member;
    int64_t last_member_in_page = 0;
    bool more = false;
    while (true) {
      MemberFilter filter;
      filter.subtree_path = path;
      filter.states = {MemberState::kProbationary, MemberState::kFull};
      filter.after_id = cursor;
      filter.page_size = 500;
      DANGBO_ASSIGN_OR_RETURN(std::vector<Member> members, deps_.store->ListMembers(filter));
      if (members.empty()) break;
      std::vector<int64_t> ids;
      for (const Member& m : members) ids.push_back(m.id);
      DANGBO_ASSIGN_OR_RETURN(auto histories, deps_.store->MemberHistories(ids));
      for (const Member& m : members) {
        cursor = m.id;
        const MemberHistory& h = histories[m.id];
        std::vector<DueAction> due =
            DueActions(m, h.events, h.badges, today, horizon, rules, *deps_.calendar);
        std::erase_if(due, [&](const DueAction& a) {
          return !kinds.empty() && std::find(kinds.begin(), kinds.end(), a.kind) == kinds.end();
        });
        if (due.empty()) continue;
        if (resp->due_actions_size() + static_cast<int>(due.size()) > page_size &&
            resp->due_actions_size() > 0) {
          more = true;
          break;
        }
        for (const DueAction& a : due) {
          v1::DueAction* out = resp->add_due_actions();
          out->set_member(api::ResourceName(kMembers, m.id));
          out->set_kind(static_cast<v1::DueAction::Kind>(a.kind));
          *out->mutable_due_date() = api::ToProtoDate(a.due_date);
          *out->mutable_window_start() = api::ToProtoDate(a.window_start);
          out->set_overdue(a.overdue);
          out->set_badge_years(a.badge_years);
          out->set_member_full_name(m.full_name);
          out->set_organization(api::ResourceName(kOrganizations, m.organization_id));
        }
        last_member_in_page = m.id;
      }
      if (more) break;
    }
    if (more) resp->set_next_page_token(api::EncodePageToken(last_member_in_page, digest));
    return absl::OkStatus();
  });
}

}  // namespace dangbo::membership
