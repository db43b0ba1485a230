-- Name search goes through member_name_words; no query reads members by name_key, so its
-- index only cost a write per member (and per import row).
DROP INDEX ix_members_name_key ON members;
