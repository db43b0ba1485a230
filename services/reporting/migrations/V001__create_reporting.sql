-- The reporting schema: the read model followed from membership's and inspection's change
-- feeds, the position reached in each feed, and what the service itself owns (snapshots of
-- submitted reports, targets), with the idempotency, outbox and audit tables every mutation
-- writes in its own transaction (as membership's and inspection's V001 define them).
--
-- The read model keeps the latest state of each source resource exactly as the feed carried it
-- (a serialized google.protobuf.Any). A batch of changes and the feed position after it commit
-- in one transaction, so a restart resumes where the committed state ends and a replayed
-- change overwrites a row with the same state: exactly once in effect. The in-memory
-- aggregates are rebuilt from these rows at start.

-- One row per source feed: 1 membership, 2 inspection.
CREATE TABLE feed_positions (
  source TINYINT UNSIGNED NOT NULL,
  last_sequence BIGINT NOT NULL,
  -- Commit time of the newest change applied; NULL before the first.
  newest_event_time DATETIME(6) NULL,
  PRIMARY KEY (source)
) ENGINE = InnoDB;

INSERT INTO feed_positions (source, last_sequence) VALUES (1, 0), (2, 0);

-- The latest state of each resource a feed reported. `sequence` is the change that carried
-- it: a row is replaced only by a change with a higher sequence, so two replicas writing the
-- same batch, or a batch replayed after an unknown commit outcome, converge.
CREATE TABLE feed_resources (
  source TINYINT UNSIGNED NOT NULL,
  resource VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  sequence BIGINT NOT NULL,
  change_type VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload LONGBLOB NOT NULL,
  PRIMARY KEY (source, resource)
) ENGINE = InnoDB;

-- Reports as submitted upward. Each revision is a row; the statistics are frozen as the
-- serialized dangbo.reporting.v1.Statistics they were answered with.
CREATE TABLE snapshots (
  id BIGINT NOT NULL,
  revision INT NOT NULL,
  scope_id BIGINT NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  period BLOB NOT NULL,
  statistics LONGBLOB NOT NULL,
  submitted_by VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  submit_time DATETIME(6) NOT NULL,
  revision_reason TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  PRIMARY KEY (id, revision),
  KEY ix_snapshots_scope (scope_id, id, revision)
) ENGINE = InnoDB;

-- Targets of a term's resolution, per scope and figure key.
CREATE TABLE targets (
  scope_id BIGINT NOT NULL,
  term_start_year SMALLINT NOT NULL,
  term_end_year SMALLINT NOT NULL,
  figure_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value BIGINT NOT NULL,
  at_least BOOLEAN NOT NULL,
  version BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (scope_id, term_start_year, term_end_year, figure_key)
) ENGINE = InnoDB;

CREATE TABLE idempotency_keys (
  method VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  fingerprint VARBINARY(128) NOT NULL,
  response LONGBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (method, request_id),
  KEY ix_idempotency_keys_create_time (create_time)
) ENGINE = InnoDB;

-- The service's own change feed (snapshots and targets), sequenced under outbox_head's lock.
CREATE TABLE outbox (
  sequence BIGINT NOT NULL,
  resource VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  change_type VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload LONGBLOB NOT NULL,
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  commit_time DATETIME(6) NOT NULL,
  PRIMARY KEY (sequence)
) ENGINE = InnoDB;

CREATE TABLE outbox_head (
  id TINYINT UNSIGNED NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO outbox_head (id, last_sequence) VALUES (1, 0);

-- Append-only trail of who submitted what. The service never updates or deletes here.
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
