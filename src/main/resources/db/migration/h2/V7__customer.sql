-- One customer across systems (issue #13). Keep in step with ../postgresql/V7__customer.sql.
-- customer_key: the customer's E.164 phone, else e-mail, else '<source>:<contact id>' (io.sessionsync.model.CustomerKey).
-- participants and attributes stay VARCHAR here: H2's JSON type stores a bound string as a JSON string
-- literal, so the dialect (io.sessionsync.store.H2Dialect) keeps them as text.
ALTER TABLE session ADD COLUMN customer_email VARCHAR;
ALTER TABLE session ADD COLUMN customer_key VARCHAR;

UPDATE session SET customer_key = CASE
    WHEN REGEXP_LIKE(customer_phone, '^\+[1-9][0-9]{6,14}$') THEN customer_phone
    WHEN customer_contact_id IS NOT NULL THEN source || ':' || customer_contact_id
END;

CREATE INDEX session_customer_key_idx ON session (customer_key, started_at);
CREATE INDEX session_customer_phone_idx ON session (customer_phone);
CREATE INDEX session_started_at_idx ON session (started_at);

CREATE VIEW customer AS
SELECT customer_key,
       COUNT(*)                                                          AS session_count,
       COUNT(DISTINCT source)                                            AS source_count,
       LISTAGG(DISTINCT source, ',') WITHIN GROUP (ORDER BY source)      AS sources,
       MAX(customer_phone)                                               AS phone,
       MAX(customer_email)                                               AS email,
       LISTAGG(DISTINCT customer_contact_id, ',') WITHIN GROUP (ORDER BY customer_contact_id) AS contact_ids,
       MAX(customer_name)                                                AS name,
       MIN(started_at)                                                   AS first_started_at,
       MAX(started_at)                                                   AS last_started_at
FROM session
WHERE customer_key IS NOT NULL AND NOT deleted
GROUP BY customer_key;
