-- One customer across systems (issue #13). Keep in step with ../h2/V7__customer.sql.
-- customer_key: the customer's E.164 phone, else e-mail, else '<source>:<contact id>' (io.sessionsync.model.CustomerKey).
ALTER TABLE session ADD COLUMN customer_email TEXT;
ALTER TABLE session ADD COLUMN customer_key TEXT;

-- JSON that BI tools can query (participants @> ..., attributes->>'x') rather than text.
ALTER TABLE session ALTER COLUMN participants TYPE jsonb USING participants::jsonb;
ALTER TABLE session ALTER COLUMN attributes TYPE jsonb USING attributes::jsonb;

-- Rows stored before this version: a phone already in E.164 form is a key, else the contact id.
-- New sessions, and re-synced ones, get theirs from the mapping.
UPDATE session SET customer_key = CASE
    WHEN customer_phone ~ '^\+[1-9][0-9]{6,14}$' THEN customer_phone
    WHEN customer_contact_id IS NOT NULL THEN source || ':' || customer_contact_id
END;

-- A customer's timeline (customer_key, ordered by started_at), phone look-ups, day ranges.
-- session_external_key_idx exists since V1.
CREATE INDEX session_customer_key_idx ON session (customer_key, started_at);
CREATE INDEX session_customer_phone_idx ON session (customer_phone);
CREATE INDEX session_started_at_idx ON session (started_at);

-- One row per customer key with what each source knows of that person. A view, so it is current
-- with every upsert and never needs a rebuild; a lookup by customer_key is an index scan.
CREATE VIEW customer AS
SELECT customer_key,
       count(*)                                                    AS session_count,
       count(DISTINCT source)                                      AS source_count,
       string_agg(DISTINCT source, ',' ORDER BY source)            AS sources,
       max(customer_phone)                                         AS phone,
       max(customer_email)                                         AS email,
       string_agg(DISTINCT customer_contact_id, ',' ORDER BY customer_contact_id) AS contact_ids,
       max(customer_name)                                          AS name,
       min(started_at)                                             AS first_started_at,
       max(started_at)                                             AS last_started_at
FROM session
WHERE customer_key IS NOT NULL AND NOT deleted
GROUP BY customer_key;
