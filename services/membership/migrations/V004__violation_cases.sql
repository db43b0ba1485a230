-- Cases the inspection service reports against a member (violation_case.proto): while one is
-- open the member may not resign. One row per (member, source); a settled row stays settled.
CREATE TABLE violation_cases (
  member_id BIGINT NOT NULL,
  source VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  is_open BOOLEAN NOT NULL,
  opened_date DATE NULL,
  settled_date DATE NULL,
  recorded_by VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (member_id, source),
  CONSTRAINT fk_violation_cases_member FOREIGN KEY (member_id) REFERENCES members (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
