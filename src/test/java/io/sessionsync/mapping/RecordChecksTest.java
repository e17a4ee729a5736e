package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.model.CanonicalSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of a mapping's {@code checks:} section, applied to records after they are mapped. */
class RecordChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPING = """
            source: demo
            object: Call
            id: id
            version: updated
            fields:
              startedAt:       start
              endedAt:         end
              durationSeconds: { from: seconds, type: seconds }
              agentMessageCount: messages
              queue:           queue
            checks:
              startedAt:       required
              endedAt:         { not-before: startedAt }
              durationSeconds: not-negative
              agentMessageCount: not-negative
            """;

    @TempDir Path dir;
    private SourceMapping mapping;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("demo-call.yaml"), MAPPING);
        mapping = MappingRegistry.load(dir.toString()).source("demo", "Call").orElseThrow();
    }

    private static JsonNode record(String fields) throws IOException {
        return JSON.readTree("{\"id\":\"c1\",\"updated\":\"2026-11-20T10:00:00Z\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    private RecordMappingException fails(String fields) throws IOException {
        JsonNode r = record(fields);
        try {
            mapping.map(r);
        } catch (RecordMappingException e) {
            assertThat(e.getMessage()).contains("demo-call.yaml");
            return e;
        }
        throw new AssertionError("the record should have failed a check: " + fields);
    }

    @Test
    void a_record_passing_every_check_maps_as_before() throws Exception {
        CanonicalSession s = mapping.map(record("\"start\":\"2026-11-20T09:00:00Z\",\"end\":\"2026-11-20T09:05:00Z\",\"seconds\":300,\"messages\":0"));
        assertThat(s.durationSeconds()).isEqualTo(300L);
        assertThat(s.agentMessageCount()).isZero();
    }

    @Test
    void not_negative_refuses_a_negative_number_naming_check_and_field_but_not_the_value() throws Exception {
        RecordMappingException e = fails("\"start\":\"2026-11-20T09:00:00Z\",\"seconds\":-120");
        assertThat(e.field()).isEqualTo("durationSeconds");
        assertThat(e.getMessage()).contains("check 'durationSeconds: not-negative' failed").contains("durationSeconds is negative")
                .doesNotContain("-120");
    }

    @Test
    void not_negative_lets_zero_and_an_empty_value_through() throws Exception {
        assertThat(mapping.map(record("\"start\":\"2026-11-20T09:00:00Z\",\"seconds\":0")).durationSeconds()).isZero();
        assertThat(mapping.map(record("\"start\":\"2026-11-20T09:00:00Z\"")).durationSeconds()).isNull();
    }

    @Test
    void not_negative_holds_for_integer_fields_too() throws Exception {
        RecordMappingException e = fails("\"start\":\"2026-11-20T09:00:00Z\",\"messages\":-1");
        assertThat(e.field()).isEqualTo("agentMessageCount");
        assertThat(e.getMessage()).contains("check 'agentMessageCount: not-negative' failed");
    }

    @Test
    void not_before_refuses_an_end_before_the_start() throws Exception {
        RecordMappingException e = fails("\"start\":\"2026-11-20T09:00:00Z\",\"end\":\"2026-11-20T08:58:00Z\"");
        assertThat(e.field()).isEqualTo("endedAt");
        assertThat(e.getMessage()).contains("check 'endedAt: not-before startedAt' failed").contains("endedAt is before startedAt")
                .doesNotContain("08:58");
    }

    @Test
    void not_before_lets_an_equal_time_and_a_missing_end_through() throws Exception {
        assertThat(mapping.map(record("\"start\":\"2026-11-20T09:00:00Z\",\"end\":\"2026-11-20T09:00:00Z\"")).endedAt()).isNotNull();
        assertThat(mapping.map(record("\"start\":\"2026-11-20T09:00:00Z\"")).endedAt()).isNull();
    }

    @Test
    void required_refuses_a_record_without_the_field() throws Exception {
        for (String noStart : new String[] {"", "\"start\":null", "\"start\":null,\"end\":\"2026-11-20T09:00:00Z\""}) {
            RecordMappingException e = fails(noStart.isEmpty() ? "\"queue\":\"Support\"" : noStart);
            assertThat(e.field()).as(noStart).isEqualTo("startedAt");
            assertThat(e.getMessage()).contains("check 'startedAt: required' failed").contains("startedAt is empty");
        }
    }

    @Test
    void required_refuses_empty_text() throws Exception {
        Files.writeString(dir.resolve("demo-call.yaml"), MAPPING.replace("  startedAt:       required\n", "  queue:           required\n"));
        SourceMapping m = MappingRegistry.load(dir.toString()).source("demo", "Call").orElseThrow();
        assertThatThrownBy(() -> m.map(record("\"queue\":\"\"")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("queue"));
        assertThat(m.map(record("\"queue\":\"Support\"")).queue()).isEqualTo("Support");
    }

    @Test
    void every_failed_check_is_named_and_the_first_one_is_the_field() throws Exception {
        RecordMappingException e = fails("\"start\":\"2026-11-20T09:00:00Z\",\"end\":\"2026-11-20T08:58:00Z\",\"seconds\":-120");
        assertThat(e.field()).isEqualTo("endedAt");
        assertThat(e.getMessage()).contains("'endedAt: not-before startedAt'").contains("'durationSeconds: not-negative'")
                .contains("line 13").contains("line 14");
    }

    @Test
    void a_field_that_fails_to_map_is_reported_before_any_check() throws Exception {
        RecordMappingException e = fails("\"start\":\"yesterday\",\"seconds\":-5");
        assertThat(e.field()).isEqualTo("startedAt");
        assertThat(e.getMessage()).doesNotContain("check '");
    }

    @Test
    void several_rules_for_one_field_are_written_as_a_list() throws Exception {
        Files.writeString(dir.resolve("demo-call.yaml"), MAPPING
                .replace("  startedAt:       required\n", "")
                .replace("  endedAt:         { not-before: startedAt }\n", "  endedAt:         [required, { not-before: startedAt }]\n"));
        SourceMapping m = MappingRegistry.load(dir.toString()).source("demo", "Call").orElseThrow();
        assertThatThrownBy(() -> m.map(record("\"start\":\"2026-11-20T09:00:00Z\"")))
                .hasMessageContaining("check 'endedAt: required' failed");
        assertThatThrownBy(() -> m.map(record("\"start\":\"2026-11-20T09:00:00Z\",\"end\":\"2026-11-20T08:00:00Z\"")))
                .hasMessageContaining("check 'endedAt: not-before startedAt' failed");
        assertThat(m.map(record("\"end\":\"2026-11-20T09:00:00Z\"")).endedAt()).isNotNull();
    }
}
