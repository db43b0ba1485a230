-- The membership schema: the organization tree and its history, members and their lifecycle
-- events, and the three tables every mutation writes in its own transaction (idempotency
-- keys, the outbox that feeds the change stream, the audit log).
--
-- Collations are chosen per column: utf8mb4_bin for identities (codes, card numbers, citizen
-- ids), where "Nguyen" and "Nguyễn" or two Unicode spellings must never be the same key,
-- utf8mb4_vietnamese_ci for what people read and sort, ascii_bin for machine paths and keys.
-- Dates are DATE, instants are DATETIME(6) in UTC (every connection runs with time_zone UTC).

CREATE TABLE organizations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- NULL when the organization has no code, so that missing codes never collide.
  code VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  display_name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  parent_id BIGINT NULL,
  enterprise_name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  ownership TINYINT UNSIGNED NOT NULL,
  granted_upper_level_powers BOOLEAN NOT NULL,
  established_date DATE NULL,
  dissolved_date DATE NULL,
  state TINYINT UNSIGNED NOT NULL,
  merged_into_id BIGINT NULL,
  -- Ids from the root down to this organization, separated and closed by "/": "/1/5/23/".
  -- Subtrees are matched with `path LIKE CONCAT(<closed path>, "%")`, ids are digits, so the
  -- closing "/" stops "/1/5/" from matching "/1/55/" and no LIKE wildcard can appear.
  path VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_organizations_code (code),
  KEY ix_organizations_path (path),
  KEY ix_organizations_parent (parent_id, state),
  CONSTRAINT fk_organizations_parent FOREIGN KEY (parent_id) REFERENCES organizations (id),
  CONSTRAINT fk_organizations_merged_into FOREIGN KEY (merged_into_id)
    REFERENCES organizations (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- The history of the tree: one row per organization per period in which it stood unchanged.
-- Reports for a past date read the rows valid then
-- (valid_from <= d AND (valid_to IS NULL OR valid_to > d)). A move writes new rows for the
-- moved organization and for every descendant, because all their paths change.
CREATE TABLE organization_versions (
  -- Also the order of history pages.
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  change_kind TINYINT UNSIGNED NOT NULL,
  decision_number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  decision_date DATE NULL,
  decision_issuer VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  -- Other organizations taking part in a merge or split, as decimal ids separated by ",".
  related_ids VARCHAR(2048) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- The organization as it stood in this period.
  code VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  display_name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  parent_id BIGINT NULL,
  enterprise_name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  ownership TINYINT UNSIGNED NOT NULL,
  granted_upper_level_powers BOOLEAN NOT NULL,
  established_date DATE NULL,
  dissolved_date DATE NULL,
  state TINYINT UNSIGNED NOT NULL,
  merged_into_id BIGINT NULL,
  path VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  record_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_organization_versions_org (organization_id, valid_from),
  KEY ix_organization_versions_open (organization_id, valid_to),
  KEY ix_organization_versions_path (path, valid_from),
  CONSTRAINT fk_organization_versions_org FOREIGN KEY (organization_id)
    REFERENCES organizations (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE members (
  id BIGINT NOT NULL AUTO_INCREMENT,
  full_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  -- SearchKey(full_name): lower case, no diacritics, words separated by one space (letters
  -- outside Vietnamese stay as they are, so not ascii). Searches
  -- go through member_name_words, this column keeps the key the words were derived from.
  name_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  gender TINYINT UNSIGNED NOT NULL,
  state TINYINT UNSIGNED NOT NULL,
  organization_id BIGINT NOT NULL,
  temporary_host_organization_id BIGINT NULL,
  -- NULL when empty: several members without a card (applicants) must not collide.
  party_card_number VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  party_profile_number VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  general_education VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  professional_qualification VARCHAR(255)
    CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  academic_title VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  political_theory_level TINYINT UNSIGNED NOT NULL,
  occupation VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  position VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  department_leader BOOLEAN NOT NULL,
  youth_union_member BOOLEAN NOT NULL,
  -- Personal data (design.md §5). citizen_id is NULL when unknown, for the same reason as
  -- party_card_number.
  citizen_id VARCHAR(12) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  birth_date DATE NULL,
  ethnicity VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  religion VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  address VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  admission_decision_date DATE NULL,
  admission_ceremony_date DATE NULL,
  full_member_date DATE NULL,
  exempted BOOLEAN NOT NULL,
  lost_contact BOOLEAN NOT NULL,
  transfer_in_transit BOOLEAN NOT NULL,
  temporarily_attached BOOLEAN NOT NULL,
  version BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_members_citizen_id (citizen_id),
  UNIQUE KEY uq_members_party_card_number (party_card_number),
  KEY ix_members_organization (organization_id, state),
  KEY ix_members_temporary_host (temporary_host_organization_id),
  KEY ix_members_name_key (name_key),
  CONSTRAINT fk_members_organization FOREIGN KEY (organization_id)
    REFERENCES organizations (id),
  CONSTRAINT fk_members_temporary_host FOREIGN KEY (temporary_host_organization_id)
    REFERENCES organizations (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- An inverted index of the words of members.name_key. A search for "van an" joins one row
-- per query word, each an index range ordered by member_id, so keyset paging stays cheap on
-- millions of members where LIKE "%an%" would scan them all.
CREATE TABLE member_name_words (
  word VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  member_id BIGINT NOT NULL,
  PRIMARY KEY (word, member_id),
  KEY ix_member_name_words_member (member_id),
  CONSTRAINT fk_member_name_words_member FOREIGN KEY (member_id) REFERENCES members (id)
) ENGINE = InnoDB;

CREATE TABLE member_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  type TINYINT UNSIGNED NOT NULL,
  effective_date DATE NOT NULL,
  decision_number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  decision_date DATE NULL,
  decision_issuer VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  ceremony_date DATE NULL,
  special_age_decision BOOLEAN NOT NULL,
  destination_organization_id BIGINT NULL,
  moved_date DATE NULL,
  temporary_until DATE NULL,
  temporary_purpose TINYINT UNSIGNED NOT NULL,
  strike_off_ground TINYINT UNSIGNED NOT NULL,
  note TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  state_before TINYINT UNSIGNED NOT NULL,
  state_after TINYINT UNSIGNED NOT NULL,
  organization_before BIGINT NOT NULL,
  organization_after BIGINT NOT NULL,
  recorded_by VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  record_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_member_events_member (member_id, id),
  CONSTRAINT fk_member_events_member FOREIGN KEY (member_id) REFERENCES members (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per accepted mutation, written in its transaction: a replayed request_id returns
-- the stored response instead of running again, and resolves a COMMIT whose answer was lost.
CREATE TABLE idempotency_keys (
  method VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  fingerprint VARBINARY(128) NOT NULL,
  response LONGBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id),
  -- For expiring old keys.
  KEY ix_idempotency_keys_create_time (create_time)
) ENGINE = InnoDB;

-- The change feed. Sequences are assigned under the outbox_head row lock, taken as the LAST
-- statement before COMMIT of every mutation that emits changes, and held until COMMIT. The next
-- writer can read the head only after that COMMIT, so sequence order equals commit order and
-- rolled-back transactions leave no gaps: a reader that has seen sequence N+1 has necessarily
-- been able to see N, which makes "resume after the last sequence I processed" exact (no
-- change skipped, none delivered twice). An AUTO_INCREMENT sequence would not do: ids are
-- taken at INSERT, and a transaction holding N can commit after the one holding N+1.
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

-- Append-only trail of who changed what, and who read personal data (action
-- "READ_PERSONAL_DATA", one row per member read). The service never updates or deletes here.
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
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
