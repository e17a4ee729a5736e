package io.sessionsync.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson {@link ObjectMapper} of the service, configured once here: java.time values are
 * written as ISO-8601 text, never as numbers. An ObjectMapper is thread-safe once configured and
 * costly to build, so every class shares this one. Never reconfigure it: a caller that needs a
 * different output asks for an {@link com.fasterxml.jackson.databind.ObjectWriter} with
 * {@code mapper().writer().with(...)}, which leaves the shared mapper as it is.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {}

    /** The shared mapper (read, write, create nodes); do not change its configuration. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
