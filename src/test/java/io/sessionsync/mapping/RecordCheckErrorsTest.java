package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad {@code checks:} section stops loading with the file, the line and the reason, like every other mapping error. */
class RecordCheckErrorsTest {
    /** Lines 1-8; the checks start on line 9. */
    private static final String HEADER = """
            source: demo
            object: Call
            id: id
            version: updated
            fields:
              startedAt: start
              endedAt:   end
              queue:     queue
            checks:
            """;
    @TempDir Path dir;

    private MappingException checksFail(String checkLines) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), HEADER + checkLines);
        try {
            MappingRegistry.load(dir.toString());
        } catch (MappingException e) {
            assertThat(e.file()).endsWith("bad.yaml");
            assertThat(e.getMessage()).startsWith(e.file() + ":" + e.line() + ": ");
            return e;
        }
        throw new AssertionError("loading should have failed for checks:\n" + checkLines);
    }

    @Test
    void an_unknown_rule_names_the_known_ones() throws IOException {
        MappingException e = checksFail("  startedAt: requird\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("unknown check 'requird'").contains("required").contains("not-negative").contains("not-before");
    }

    @Test
    void an_unknown_canonical_field_names_close_ones() throws IOException {
        MappingException e = checksFail("  endedAt: { not-before: startAt }\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("unknown canonical field 'startAt'").contains("startedAt");

        e = checksFail("  startAt: required\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("unknown canonical field 'startAt'").contains("startedAt");
    }

    @Test
    void a_check_on_a_field_the_mapping_never_fills_could_never_fail() throws IOException {
        MappingException e = checksFail("  queue: required\n  durationSeconds: not-negative\n");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.reason()).contains("'durationSeconds'").contains("never fills");

        e = checksFail("  endedAt: { not-before: acceptedAt }\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("'acceptedAt'").contains("never fills");
    }

    @Test
    void not_negative_only_checks_numbers() throws IOException {
        MappingException e = checksFail("  startedAt: not-negative\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("not-negative checks a number").contains("startedAt").contains("instant");
    }

    @Test
    void not_before_compares_two_timestamps() throws IOException {
        MappingException e = checksFail("  queue: { not-before: startedAt }\n");
        assertThat(e.reason()).contains("not-before compares timestamps").contains("queue");

        e = checksFail("  endedAt: { not-before: queue }\n");
        assertThat(e.reason()).contains("not-before compares timestamps").contains("queue");

        e = checksFail("  endedAt: { not-before: endedAt }\n");
        assertThat(e.reason()).contains("another field");
    }

    @Test
    void not_before_needs_the_field_it_compares_with() throws IOException {
        MappingException e = checksFail("  endedAt: not-before\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("not-before needs the field to compare with").contains("{ not-before: startedAt }");
    }

    @Test
    void a_rule_without_argument_takes_no_value() throws IOException {
        MappingException e = checksFail("  startedAt: { required: true }\n");
        assertThat(e.reason()).contains("'required' takes no value");
    }

    @Test
    void one_rule_at_a_time_in_a_mapping_and_no_rule_twice() throws IOException {
        MappingException e = checksFail("  endedAt: { not-before: startedAt, required: x }\n");
        assertThat(e.reason()).contains("one rule");

        e = checksFail("  startedAt: [required, required]\n");
        assertThat(e.reason()).contains("'required' twice");
    }

    @Test
    void checks_are_about_canonical_fields_not_attributes() throws IOException {
        MappingException e = checksFail("  attributes.callSid: required\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("canonical field");
    }

    @Test
    void checks_must_be_a_mapping_of_field_to_rules() throws IOException {
        MappingException e = checksFail("  - startedAt\n");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.reason()).contains("checks must be a mapping");

        e = checksFail("  startedAt: []\n");
        assertThat(e.reason()).contains("at least one rule");
    }

    @Test
    void a_duplicate_checked_field() throws IOException {
        MappingException e = checksFail("  startedAt: required\n  startedAt: required\n");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.reason()).contains("duplicate key 'startedAt'");
    }
}
