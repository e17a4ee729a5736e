-- Salesforce subscribe (issue #11): per change event channel, the replay id of the last event whose
-- records were written. Written only after they were, so it is never ahead of the store.
-- Keep in step with ../h2/V8__subscription_replay.sql.
CREATE TABLE subscription_replay (
    channel    TEXT        NOT NULL,
    replay_id  TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT subscription_replay_pk PRIMARY KEY (channel)
);
