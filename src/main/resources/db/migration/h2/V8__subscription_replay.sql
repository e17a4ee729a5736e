-- Salesforce subscribe (issue #11): per change event channel, the replay id of the last event whose
-- records were written. Written only after they were, so it is never ahead of the store.
-- Keep in step with ../postgresql/V8__subscription_replay.sql.
CREATE TABLE subscription_replay (
    channel    VARCHAR                  NOT NULL,
    replay_id  VARCHAR                  NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT subscription_replay_pk PRIMARY KEY (channel)
);
