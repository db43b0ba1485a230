-- The issuer of the decision a programme or an inspection rests on, as the API's
-- dangbo.type.v1.Decision carries it ("organizations/{id}" or the issuer's name as printed).
ALTER TABLE programmes
  ADD COLUMN decision_issuer VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    DEFAULT '' AFTER decision_date;
ALTER TABLE inspections
  ADD COLUMN decision_issuer VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
    DEFAULT '' AFTER decision_date;
