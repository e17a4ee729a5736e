-- Issue #9: an inbox key was global and unbounded, so one source's key could suppress another's event
-- and a long key broke the btree index. Keys are now a fixed-size digest, unique per source.
ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_event_key_uk;
ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_source_key_uk UNIQUE (source, event_key);
-- The claim query filters pending rows by lease/backoff time and takes the oldest first.
DROP INDEX webhook_inbox_pending_idx;
CREATE INDEX webhook_inbox_pending_idx ON webhook_inbox (received_at, id) WHERE status = 'pending';
