-- The read model's rows, compact. Since this version feed_resources.payload holds one byte
-- naming the message type and then the message, cut to the fields statistics read
-- (services/reporting/feed/stored_payload.h), instead of a google.protobuf.Any whose type URL
-- was as long as the message it wrapped. Rows written before stay readable as they are, so the
-- upgrade needs no rebuild (a `--rebuild` rewrites them all compact). `change_type` was never
-- read back; MariaDB drops it without copying the table. Binaries from before this version
-- write `change_type`: stop them before migrating.
ALTER TABLE feed_resources DROP COLUMN change_type;
