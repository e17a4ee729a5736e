-- The delivery outbox: one row per session and target, written in the transaction that stores the
-- session, so a stored session always has its delivery recorded, whatever happens to the target call.
-- Keep in step with ../h2/V3__target_delivery.sql.
CREATE TABLE target_delivery (
    target          TEXT        NOT NULL,
    source          TEXT        NOT NULL,
    source_id       TEXT        NOT NULL,
    -- content_hash of the stored version that is to reach the target
    wanted_hash     VARCHAR(64) NOT NULL,
    -- content_hash of the version the target last took (delivered) or refused for good (refused)
    settled_hash    VARCHAR(64),
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'refused')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    updated_at      TIMESTAMPTZ NOT NULL,
    settled_at      TIMESTAMPTZ,
    CONSTRAINT target_delivery_pk PRIMARY KEY (target, source, source_id)
);
-- The drain's query: a target's pending rows that are due, oldest first.
CREATE INDEX target_delivery_due_idx ON target_delivery (target, status, next_attempt_at);
