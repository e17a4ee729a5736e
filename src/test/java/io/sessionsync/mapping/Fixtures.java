package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Recorded API payloads from src/test/resources/fixtures, and the real mappings folder. */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final MappingRegistry REAL = MappingRegistry.load("mappings");

    private Fixtures() {}

    /** The records of a list response: Salesforce {@code records}, Twilio {@code sessions}, Evo {@code items}. */
    static List<JsonNode> records(String fixture, String listField) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + fixture)) {
            if (in == null) throw new IllegalStateException("no fixture " + fixture);
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).get(listField).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceMapping source(String source, String object) {
        return REAL.source(source, object).orElseThrow();
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
