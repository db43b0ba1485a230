-- The records ImportInspectionWork wrote, by their key in the system they came from: an import
-- sent again skips the keys found here, so an interrupted migration is simply repeated.
CREATE TABLE imported_records (
  source_key VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- The record's inspection, if it had one.
  inspection_id BIGINT NULL,
  decision_count INT NOT NULL,
  -- The import (its request_id) that wrote the record.
  request_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (source_key)
) ENGINE = InnoDB;
