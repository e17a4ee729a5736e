package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.model.CanonicalSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping engine's type: phone and by:/cases:, as a mapping file author writes them. */
class PhoneAndCasesMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "source: demo\nobject: Call\nid: id\nversion: updated\nfields:\n";
    @TempDir Path dir;

    private SourceMapping load(String fields, String region) throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), HEADER + fields);
        return MappingRegistry.load(dir.toString(), region).source("demo", "Call").orElseThrow();
    }

    private static JsonNode rec(String json) throws IOException {
        return JSON.readTree(("{'id':'c1','updated':'2026-11-20T10:00:00Z'," + json + "}").replace('\'', '"'));
    }

    @Test
    void the_case_named_by_the_record_picks_the_paths() throws Exception {
        SourceMapping m = load("""
                  customer.phone:
                    by: dir
                    cases: { in: [from, fromAlt], out: to }
                    type: phone
                """, "US");

        assertThat(m.map(rec("'dir':'in','from':'','fromAlt':'415-555-0100','to':'+442079460000'")).customer().phone())
                .isEqualTo("+14155550100");
        assertThat(m.map(rec("'dir':'out','from':'415-555-0100','to':'+44 20 7946 0000'")).customer().phone())
                .isEqualTo("+442079460000");
        CanonicalSession sideways = m.map(rec("'dir':'sideways','from':'415-555-0100'"));
        assertThat(sideways.customer().phone()).isNull();
        assertThat(m.map(rec("'from':'415-555-0100'")).customer().phone()).isNull();
    }

    @Test
    void the_default_region_reads_numbers_without_country_code() throws Exception {
        SourceMapping gb = load("  customer.phone: { from: tel, type: phone }\n", "GB");
        assertThat(gb.map(rec("'tel':'020 7946 0000'")).customer().phone()).isEqualTo("+442079460000");
    }

    @Test
    void first_skips_a_value_that_is_no_phone_number() throws Exception {
        SourceMapping m = load("  customer.phone: { first: [key, contactPhone], type: phone }\n", "US");
        assertThat(m.map(rec("'key':'v2/iframe/abc','contactPhone':'(415) 555-0101'")).customer().phone()).isEqualTo("+14155550101");
        assertThat(m.map(rec("'key':'whatsapp:+14155550102','contactPhone':'(415) 555-0101'")).customer().phone()).isEqualTo("+14155550102");
    }

    @Test
    void by_without_cases_and_phone_into_a_number_field_are_load_errors_at_their_line() throws Exception {
        assertThatThrownBy(() -> load("  customer.phone: { by: dir, type: phone }\n", "US"))
                .isInstanceOf(MappingException.class).hasMessageContaining("demo.yaml:6").hasMessageContaining("by: and cases: go together");
        assertThatThrownBy(() -> load("  waitSeconds: { from: tel, type: phone }\n", "US"))
                .isInstanceOf(MappingException.class).hasMessageContaining("type phone cannot fill field 'waitSeconds'");
        assertThatThrownBy(() -> load("  channel: { by: dir, cases: { in: a } }\n", "US"))
                .isInstanceOf(MappingException.class).hasMessageContaining("by: picks paths for a plain value");
    }
}
