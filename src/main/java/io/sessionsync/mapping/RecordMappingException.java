package io.sessionsync.mapping;

/**
 * A record that cannot be mapped: a required field missing, a value that cannot be coerced. The
 * message names the mapping file and the field, never the record's payload, and the record goes to
 * the dead letters with it. Permanent: retrying the same record with the same mapping cannot help.
 */
public class RecordMappingException extends Exception {
    private final String field;

    public RecordMappingException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The canonical (or target) field that failed, or the id/version path. */
    public String field() {
        return field;
    }
}
