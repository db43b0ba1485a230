/* A seed row whose text holds separators: ; -- and # must not split it. */
INSERT INTO organizations (name, path) VALUES ('Đảng bộ Khối; gốc -- # root', '/1/');
ALTER TABLE organizations ADD COLUMN member_count INT NOT NULL DEFAULT 0; -- counted later
