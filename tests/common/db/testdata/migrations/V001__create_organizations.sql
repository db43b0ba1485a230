-- Organizations of the bloc (tổ chức đảng); the first table every later file builds on.
CREATE TABLE organizations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL COMMENT 'Tên tổ chức; may hold a ; like this',
  path VARCHAR(255) CHARACTER SET ascii NOT NULL
) ENGINE=InnoDB;

CREATE INDEX organizations_path ON organizations (path);
