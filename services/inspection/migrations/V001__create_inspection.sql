-- The inspection schema: annual programmes, inspections and supervisions with their subjects,
-- teams, findings and conclusion notices, disciplinary decisions and appeals, the dated rule
-- book, the queue of calls owed to membership, and the three tables every mutation writes in
-- its own transaction (idempotency keys, the outbox that feeds the change stream, the audit
-- log).
--
-- Organizations and members belong to membership: they appear here by id only, with no
-- foreign key to another schema. Collations are chosen per column: utf8mb4_bin for numbers and
-- identities, utf8mb4_vietnamese_ci for what people read and sort, ascii_bin for machine keys.
-- Dates are DATE, instants DATETIME(6) in UTC. Enumerations are stored as the domain's numeric
-- values (services/inspection/domain/model.h, equal to the proto enums). Lists of texts that are
-- only ever read whole (notice sections, circumstances) are JSON arrays.

CREATE TABLE programmes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  conducting_body TINYINT UNSIGNED NOT NULL,
  year SMALLINT NOT NULL,
  decision_number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  decision_date DATE NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_programmes_organization_year (organization_id, year, id)
) ENGINE = InnoDB;

-- Planned items in programme order; rewritten whole when the programme changes.
CREATE TABLE programme_items (
  programme_id BIGINT NOT NULL,
  position INT NOT NULL,
  type TINYINT UNSIGNED NOT NULL,
  content TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  planned_start DATE NULL,
  inspection_id BIGINT NULL,
  PRIMARY KEY (programme_id, position),
  CONSTRAINT fk_programme_items_programme FOREIGN KEY (programme_id) REFERENCES programmes (id)
) ENGINE = InnoDB;

CREATE TABLE programme_item_subjects (
  programme_id BIGINT NOT NULL,
  item_position INT NOT NULL,
  position INT NOT NULL,
  subject_kind TINYINT UNSIGNED NOT NULL,
  subject_id BIGINT NOT NULL,
  PRIMARY KEY (programme_id, item_position, position),
  CONSTRAINT fk_programme_item_subjects_item FOREIGN KEY (programme_id, item_position)
    REFERENCES programme_items (programme_id, position) ON DELETE CASCADE
) ENGINE = InnoDB;

-- One row per inspection or supervision (told apart by type).
CREATE TABLE inspections (
  id BIGINT NOT NULL AUTO_INCREMENT,
  type TINYINT UNSIGNED NOT NULL,
  conducting_body TINYINT UNSIGNED NOT NULL,
  conducting_organization_id BIGINT NOT NULL,
  conducting_level TINYINT UNSIGNED NOT NULL,
  programme_id BIGINT NULL,
  stage TINYINT UNSIGNED NOT NULL,
  decision_number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  decision_date DATE NULL,
  content TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  period_from DATE NULL,
  period_to DATE NULL,
  planned_duration_working_days INT NOT NULL,
  extension_working_days INT NOT NULL,
  started_date DATE NULL,
  reported_date DATE NULL,
  concluded_date DATE NULL,
  closed_date DATE NULL,
  cancelled_date DATE NULL,
  cancellation_reason TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  -- The revision of the conclusion notice in force (the highest issued one), if any.
  current_notice_revision INT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_inspections_conducting_organization (conducting_organization_id, id),
  KEY ix_inspections_stage (stage, id),
  KEY ix_inspections_decision_date (decision_date, id),
  CONSTRAINT fk_inspections_programme FOREIGN KEY (programme_id) REFERENCES programmes (id)
) ENGINE = InnoDB;

CREATE TABLE inspection_team_members (
  inspection_id BIGINT NOT NULL,
  position INT NOT NULL,
  member_id BIGINT NOT NULL,
  full_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  role TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (inspection_id, position),
  CONSTRAINT fk_team_members_inspection FOREIGN KEY (inspection_id) REFERENCES inspections (id)
) ENGINE = InnoDB;

-- A subject appears once per inspection. organization_id_at_decision is what membership
-- reported at the decision date, so statistics keep attributing the subject there after a
-- member moves.
CREATE TABLE inspection_subjects (
  inspection_id BIGINT NOT NULL,
  subject_kind TINYINT UNSIGNED NOT NULL,
  subject_id BIGINT NOT NULL,
  position INT NOT NULL,
  committee_member BOOLEAN NOT NULL,
  organization_id_at_decision BIGINT NOT NULL,
  outcome TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (inspection_id, subject_kind, subject_id),
  -- "Every inspection of this member / organization".
  KEY ix_inspection_subjects_subject (subject_kind, subject_id, inspection_id),
  CONSTRAINT fk_subjects_inspection FOREIGN KEY (inspection_id) REFERENCES inspections (id)
) ENGINE = InnoDB;

CREATE TABLE inspection_findings (
  inspection_id BIGINT NOT NULL,
  position INT NOT NULL,
  subject_kind TINYINT UNSIGNED NOT NULL,
  subject_id BIGINT NOT NULL,
  text TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  category TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (inspection_id, position),
  CONSTRAINT fk_findings_inspection FOREIGN KEY (inspection_id) REFERENCES inspections (id)
) ENGINE = InnoDB;

-- Thông báo kết luận, one row per revision. A revision with issued_date set is never updated
-- or deleted (the store has no statement that could); a correction is a new revision.
CREATE TABLE conclusion_notices (
  inspection_id BIGINT NOT NULL,
  revision INT NOT NULL,
  supersedes_revision INT NULL,
  correction_reason TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  issued_date DATE NULL,
  strengths LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL CHECK (JSON_VALID(strengths)),
  shortcomings LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    CHECK (JSON_VALID(shortcomings)),
  causes LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL CHECK (JSON_VALID(causes)),
  distribution LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    CHECK (JSON_VALID(distribution)),
  signed_by VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (inspection_id, revision),
  CONSTRAINT fk_notices_inspection FOREIGN KEY (inspection_id) REFERENCES inspections (id)
) ENGINE = InnoDB;

-- Required tasks of each revision in a table of their own, so that tasks past due can be found
-- by date (ListOverdue) without reading every notice.
CREATE TABLE notice_required_tasks (
  inspection_id BIGINT NOT NULL,
  revision INT NOT NULL,
  task_number INT NOT NULL,
  text TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  assignee VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  due_date DATE NULL,
  PRIMARY KEY (inspection_id, revision, task_number),
  KEY ix_notice_required_tasks_due (due_date, inspection_id),
  CONSTRAINT fk_required_tasks_notice FOREIGN KEY (inspection_id, revision)
    REFERENCES conclusion_notices (inspection_id, revision)
) ENGINE = InnoDB;

-- Follow-up of the current notice's tasks, apart from the immutable notice.
CREATE TABLE task_completions (
  inspection_id BIGINT NOT NULL,
  task_number INT NOT NULL,
  completed_date DATE NOT NULL,
  note TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  PRIMARY KEY (inspection_id, task_number),
  CONSTRAINT fk_task_completions_inspection FOREIGN KEY (inspection_id)
    REFERENCES inspections (id)
) ENGINE = InnoDB;

-- Quyết định kỷ luật. member_standing, holds_post and subject_organization_id are what
-- membership reported about the subject at the decision date.
CREATE TABLE disciplinary_decisions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  subject_kind TINYINT UNSIGNED NOT NULL,
  subject_id BIGINT NOT NULL,
  member_standing TINYINT UNSIGNED NOT NULL,
  holds_post BOOLEAN NOT NULL,
  subject_organization_id BIGINT NOT NULL,
  form TINYINT UNSIGNED NOT NULL,
  deciding_organization_id BIGINT NOT NULL,
  deciding_body TINYINT UNSIGNED NOT NULL,
  number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  decision_date DATE NOT NULL,
  effective_date DATE NOT NULL,
  violation_dates LONGTEXT CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    CHECK (JSON_VALID(violation_dates)),
  category TINYINT UNSIGNED NOT NULL,
  reasons TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  source_inspection_id BIGINT NULL,
  aggravating_circumstances LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    CHECK (JSON_VALID(aggravating_circumstances)),
  mitigating_circumstances LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    CHECK (JSON_VALID(mitigating_circumstances)),
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_decisions_subject (subject_kind, subject_id, id),
  KEY ix_decisions_subject_organization (subject_organization_id, decision_date, id),
  KEY ix_decisions_decision_date (decision_date, id),
  CONSTRAINT fk_decisions_source_inspection FOREIGN KEY (source_inspection_id)
    REFERENCES inspections (id)
) ENGINE = InnoDB;

-- Khiếu nại kỷ luật. resolution_due_date is computed at filing from the rules in force then and
-- the holiday calendar, so overdue appeals are found by date.
CREATE TABLE appeals (
  id BIGINT NOT NULL AUTO_INCREMENT,
  decision_id BIGINT NOT NULL,
  received_date DATE NOT NULL,
  filed_date DATE NOT NULL,
  resolving_organization_id BIGINT NOT NULL,
  resolving_level TINYINT UNSIGNED NOT NULL,
  resolution_due_date DATE NOT NULL,
  -- The resolution; outcome 0 while unresolved.
  outcome TINYINT UNSIGNED NOT NULL,
  resolution_date DATE NULL,
  resolution_number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  new_form TINYINT UNSIGNED NOT NULL,
  resolution_reasons TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_appeals_decision (decision_id, id),
  KEY ix_appeals_unresolved_due (outcome, resolution_due_date, id),
  CONSTRAINT fk_appeals_decision FOREIGN KEY (decision_id) REFERENCES disciplinary_decisions (id)
) ENGINE = InnoDB;

-- The dated rule book: each row holds the rules in force from effective_from until the next
-- row's date, in InspectionRuleBook::FromJson's format (inspection_rules.h). Seeded with the
-- defaults of domain.md; an administrator adds or changes versions, no release needed.
CREATE TABLE rule_versions (
  effective_from DATE NOT NULL,
  rules_json LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    CHECK (JSON_VALID(rules_json)),
  version BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (effective_from)
) ENGINE = InnoDB;

INSERT INTO rule_versions (effective_from, rules_json, version, update_time)
VALUES ('1930-02-03', '{}', 1, UTC_TIMESTAMP(6));

-- Calls owed to membership (an expulsion's EXPEL event, a dissolution), written in the same
-- transaction as the decision that owes them, so none is lost. A worker claims due rows,
-- calls membership with the row's request_id on every attempt (membership replays a request_id
-- it has seen, so a retried call is never applied twice), then completes the row or puts it
-- back with a later available_at. available_at doubles as the claim lease: a worker that dies
-- mid-call leaves a row that becomes claimable again when its lease runs out.
CREATE TABLE membership_calls (
  id BIGINT NOT NULL AUTO_INCREMENT,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- Which RPC: 1 RecordMemberEvent (EXPEL), 2 DissolveOrganization.
  kind TINYINT UNSIGNED NOT NULL,
  -- The record that owes the call, e.g. "disciplinaryDecisions/7".
  origin VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- The serialized request message, request_id included.
  payload LONGBLOB NOT NULL,
  -- 1 pending, 2 done.
  state TINYINT UNSIGNED NOT NULL,
  available_at DATETIME(6) NOT NULL,
  -- Set by each claim; a failure reported under an older claim is ignored.
  claim_token VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  attempts INT NOT NULL,
  last_error TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  create_time DATETIME(6) NOT NULL,
  done_time DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_membership_calls_request_id (request_id),
  KEY ix_membership_calls_due (state, available_at, id),
  KEY ix_membership_calls_origin (origin, id)
) ENGINE = InnoDB;

-- One row per accepted mutation, written in its transaction: a replayed request_id returns
-- the stored response instead of running again, and resolves a COMMIT whose answer was lost.
CREATE TABLE idempotency_keys (
  method VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  fingerprint VARBINARY(128) NOT NULL,
  response LONGBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id),
  KEY ix_idempotency_keys_create_time (create_time)
) ENGINE = InnoDB;

-- The change feed. Sequences are assigned under the outbox_head row lock, taken as the LAST
-- statement before COMMIT of every mutation that emits changes and held until COMMIT, so
-- sequence order equals commit order and rolled-back transactions leave no gaps: a reader that
-- has seen N+1 could already see N, and "resume after the last sequence I processed" is exact.
CREATE TABLE outbox (
  sequence BIGINT NOT NULL,
  resource VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  change_type VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload LONGBLOB NOT NULL,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  commit_time DATETIME(6) NOT NULL,
  PRIMARY KEY (sequence)
) ENGINE = InnoDB;

-- Exactly one row (id = 1): the last sequence handed out.
CREATE TABLE outbox_head (
  id TINYINT UNSIGNED NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO outbox_head (id, last_sequence) VALUES (1, 0);

-- Append-only trail of who changed what. The service never updates or deletes here.
CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  time DATETIME(6) NOT NULL,
  caller VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  method VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  resource VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  action VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  detail TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  PRIMARY KEY (id),
  KEY ix_audit_log_resource (resource, time),
  KEY ix_audit_log_caller (caller, time)
) ENGINE = InnoDB;
