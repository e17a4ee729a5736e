package io.sessionsync.mapping;

/**
 * A record value that cannot be used where the mapping puts it. Internal: the field rule turns it
 * into a {@link RecordMappingException} naming file and field. The message describes the value's
 * kind, never the value, so payloads stay out of logs. No stack trace: records fail often enough.
 */
final class BadValue extends RuntimeException {
    BadValue(String message) {
        super(message, null, false, false);
    }
}
