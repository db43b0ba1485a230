// The inspection read model as an SQL engineer would keep it in MariaDB for GROUP BY reports:
// organization_versions with a closure table of (ancestor, descendant, valid_from, valid_to)
// for subtree-as-of joins, inspection_subjects denormalized with what decides the figures,
// disciplinary_decisions and appeals, each with covering indexes for both access paths (by
// day for the whole tree, by organization and day for a subtree).
//
// Rows are collected from the same records the in-memory model is upserted with, then loaded in
// bulk (multi-row INSERTs, secondary indexes built after the load).
#ifndef DANGBO_BENCH_REPORTING_SQL_READ_MODEL_H_
#define DANGBO_BENCH_REPORTING_SQL_READ_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/reporting/organization_closure.h"
#include "common/db/pool.h"
#include "services/inspection/domain/model.h"
#include "services/reporting/domain/organization_tree.h"

namespace dangbo::reporting::bench {

// One subject of one inspection, whatever its stage: the query decides what counts.
struct SubjectSqlRow {
  int64_t inspection_id;
  int64_t subject_id;
  int64_t organization_at_decision;
  DayNumber decision_date;  // kNoDate: none
  int16_t position;         // in the inspection's subject list
  int8_t subject_kind;
  int8_t type;
  int8_t body;
  int8_t stage;
  int8_t committee_member;
  int8_t outcome;
};
inline constexpr DayNumber kNoDate = INT32_MIN;

struct DecisionSqlRow {
  int64_t decision_id;
  int64_t subject_id;
  int64_t subject_organization_id;
  int64_t deciding_organization_id;
  DayNumber decision_date;
  int8_t subject_kind;
  int8_t form;
};

struct AppealSqlRow {
  int64_t appeal_id;
  int64_t decision_id;
  int64_t resolving_organization_id;
  DayNumber filed_date;
  DayNumber resolved_date;  // kNoDate: not resolved
  int8_t outcome;
  int8_t new_form;
};

class SqlReadModel {
 public:
  void SetOrganizations(std::vector<OrganizationVersion> versions) {
    versions_ = std::move(versions);
  }
  void AddInspection(const inspection::Inspection& inspection);
  void AddDecision(const inspection::DisciplinaryDecision& decision);
  void AddAppeal(const inspection::Appeal& appeal);

  size_t subject_rows() const { return subjects_.size(); }
  size_t closure_rows() const { return closure_.size(); }

  // Drops and creates the tables, loads every row, builds the secondary indexes and refreshes
  // the optimizer's statistics.
  absl::Status Load(db::Pool& pool);

 private:
  std::vector<OrganizationVersion> versions_;
  std::vector<ClosureRow> closure_;
  std::vector<SubjectSqlRow> subjects_;
  std::vector<DecisionSqlRow> decisions_;
  std::vector<AppealSqlRow> appeals_;
};

// 'YYYY-MM-DD' for a day; NULL for kNoDate; '9999-12-31' for kOpenEnd.
std::string SqlDate(DayNumber day);

}  // namespace dangbo::reporting::bench

#endif  // DANGBO_BENCH_REPORTING_SQL_READ_MODEL_H_
