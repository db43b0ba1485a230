-- Annual quality ratings (đánh giá, xếp loại chất lượng) of members and organizations, and
-- party badges (Huy hiệu Đảng) awarded to members.

-- One rating per subject per year: recording it again replaces it (a corrected rating).
CREATE TABLE ratings (
  -- 0 = member, 1 = organization (Rating::SubjectKind).
  subject_kind TINYINT UNSIGNED NOT NULL,
  subject_id BIGINT NOT NULL,
  year SMALLINT NOT NULL,
  level TINYINT UNSIGNED NOT NULL,
  -- The 100-point score used since 2025, NULL before.
  score SMALLINT NULL,
  -- Where the rating was made, for subtree listings.
  rated_in_organization_id BIGINT NOT NULL,
  note TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (subject_kind, subject_id, year),
  KEY ix_ratings_organization (rated_in_organization_id, year),
  CONSTRAINT fk_ratings_organization FOREIGN KEY (rated_in_organization_id)
    REFERENCES organizations (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each milestone (30, 40, 45, … 90 years) is awarded once per member.
CREATE TABLE badges (
  member_id BIGINT NOT NULL,
  years SMALLINT NOT NULL,
  award_date DATE NOT NULL,
  decision_number VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  decision_date DATE NULL,
  decision_issuer VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci NOT NULL,
  posthumous BOOLEAN NOT NULL,
  early BOOLEAN NOT NULL,
  record_time DATETIME(6) NOT NULL,
  PRIMARY KEY (member_id, years),
  CONSTRAINT fk_badges_member FOREIGN KEY (member_id) REFERENCES members (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
