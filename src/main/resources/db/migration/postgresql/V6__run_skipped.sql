-- Records skipped because an operator discarded the dead letter of that very version (read again, it is
-- neither written nor lettered again).
ALTER TABLE sync_run ADD COLUMN records_skipped BIGINT NOT NULL DEFAULT 0;
CREATE INDEX dead_letter_discarded_idx ON dead_letter (source, object, record_id, stage, status);
