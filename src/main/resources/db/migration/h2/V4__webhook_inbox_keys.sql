-- Issue #9: an inbox key was global and unbounded, so one source's key could suppress another's event
-- and a long key broke the index. Keys are now a fixed-size digest, unique per source.
ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_event_key_uk;
ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_source_key_uk UNIQUE (source, event_key);
