-- Unchanged re-runs (issue #14): per source page (a Twilio Proxy list page: service and index), a digest
-- of the ids and versions it listed, saved once every record of the page was stored at its version or
-- a newer one. The store never deletes a session nor moves one back, so a page that lists the same ids
-- and versions again is unchanged as a whole: one keyed lookup instead of one per record.
-- Keep in step with ../postgresql/V9__stored_pages.sql.
CREATE TABLE stored_page (
    source     VARCHAR                  NOT NULL,
    page_key   VARCHAR                  NOT NULL,
    digest     VARCHAR                  NOT NULL,
    saved_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT stored_page_pk PRIMARY KEY (source, page_key)
);
