package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken mapping stops loading with the file, the line and the reason. */
class MappingFileErrorsTest {
    private static final String HEADER = "source: demo\nobject: Thing\nid: id\nversion: updated\nfields:\n";
    @TempDir Path dir;

    private MappingException loadFails(String fileName, String yaml) throws IOException {
        Files.writeString(dir.resolve(fileName), yaml);
        try {
            MappingRegistry.load(dir.toString());
        } catch (MappingException e) {
            assertThat(e.file()).endsWith(fileName);
            assertThat(e.getMessage()).startsWith(e.file() + ":" + e.line() + ": ");
            return e;
        }
        throw new AssertionError("loading " + fileName + " should have failed");
    }

    private MappingException fieldFails(String fieldLines) throws IOException {
        return loadFails("bad.yaml", HEADER + fieldLines);
    }

    @Test
    void malformed_yaml() throws IOException {
        MappingException e = loadFails("broken.yaml", "source: demo\nobject: Thing\nfields:\n  channel: { from: mode\n  status: x\n");
        assertThat(e.reason()).startsWith("malformed YAML");
        assertThat(e.line()).isBetween(4, 6);
    }

    @Test
    void unknown_canonical_field_names_close_ones() throws IOException {
        MappingException e = fieldFails("  externalKey: { template: \"x:{id}\" }\n  startAt: started\n");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.reason()).contains("unknown canonical field 'startAt'").contains("startedAt");
    }

    @Test
    void enum_value_the_model_lacks_in_a_map() throws IOException {
        MappingException e = fieldFails("  channel:\n    from: mode\n    map: { sms: TEXTING }\n    fallback: UNKNOWN\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("'TEXTING'").contains("Channel").contains("MESSAGING");
    }

    @Test
    void enum_value_the_model_lacks_in_a_fallback() throws IOException {
        MappingException e = fieldFails("  status: { from: s, map: { a: ACTIVE }, fallback: MAYBE }\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("'MAYBE'").contains("SessionStatus");
    }

    @Test
    void enum_value_the_model_lacks_in_a_constant() throws IOException {
        MappingException e = fieldFails("  channel: { constant: PIGEON }\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("'PIGEON'");
    }

    @Test
    void missing_id() throws IOException {
        MappingException e = loadFails("noid.yaml", "source: demo\nobject: Thing\nversion: updated\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("missing 'id:'");
    }

    @Test
    void missing_version() throws IOException {
        MappingException e = loadFails("noversion.yaml", "source: demo\nobject: Thing\nid: id\n");
        assertThat(e.reason()).contains("missing 'version:'");
    }

    @Test
    void unknown_type() throws IOException {
        MappingException e = fieldFails("  startedAt: { from: s, type: datetime }\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("unknown type 'datetime'");
    }

    @Test
    void type_that_cannot_fill_the_field() throws IOException {
        MappingException e = fieldFails("  queue: q\n  startedAt: { from: s, type: boolean }\n");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.reason()).contains("type boolean cannot fill field 'startedAt' (instant)");
    }

    @Test
    void constant_that_cannot_fill_the_field() throws IOException {
        MappingException e = fieldFails("  durationSeconds: { constant: abc }\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("constant 'abc' is not a valid long for field 'durationSeconds'");
    }

    @Test
    void unknown_key_in_a_field_spec() throws IOException {
        MappingException e = fieldFails("  queue:\n    from: q\n    fallbak: x\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("unknown key 'fallbak'").contains("fallback");
    }

    @Test
    void two_value_sources_in_one_field() throws IOException {
        MappingException e = fieldFails("  queue: { from: q, constant: Support }\n");
        assertThat(e.reason()).contains("exactly one of").contains("from, constant");
    }

    @Test
    void map_without_a_path_to_read() throws IOException {
        MappingException e = fieldFails("  queue:\n    constant: x\n    map: { x: y }\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("map applies to a value read with from: or first:");
    }

    @Test
    void duplicate_field() throws IOException {
        MappingException e = fieldFails("  queue: q\n  outcome: o\n  queue: r\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("duplicate key 'queue'");
    }

    @Test
    void duplicate_source_and_object_across_files() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), HEADER + "  queue: q\n");
        MappingException e = loadFails("b.yaml", HEADER + "  outcome: o\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("source demo/Thing is already mapped by").contains("a.yaml");
    }

    @Test
    void a_bad_path() throws IOException {
        MappingException e = fieldFails("  queue: \"members[x].name\"\n");
        assertThat(e.reason()).contains("'members[x].name' is not a path");
    }

    @Test
    void id_and_version_are_not_field_lines() throws IOException {
        MappingException e = fieldFails("  sourceId: other\n");
        assertThat(e.reason()).contains("set from the mapping's id:");
    }

    @Test
    void participants_need_each() throws IOException {
        MappingException e = fieldFails("  participants: members\n");
        assertThat(e.reason()).contains("each");
    }

    @Test
    void target_output_must_be_a_salesforce_api_name() throws IOException {
        MappingException e = loadFails("t.yaml", "target: salesforce\nobject: X\nkey: Ext\nfields:\n  Ext: externalKey\n  Start-Time: startedAt\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("'Start-Time' is not a Salesforce field API name");
    }

    @Test
    void target_from_must_name_a_canonical_field() throws IOException {
        MappingException e = loadFails("t.yaml", "target: salesforce\nobject: X\nkey: Ext\nfields:\n  Ext: externalKey\n  Phone: customer.phon\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("unknown canonical field 'customer.phon'").contains("customer.phone");
    }

    @Test
    void target_map_keys_must_be_enum_values() throws IOException {
        MappingException e = loadFails("t.yaml", "target: salesforce\nobject: X\nkey: Ext\nfields:\n  Ext: externalKey\n"
                + "  Type:\n    from: direction\n    map: { INBOUND: Inbound, OUTGOING: Outbound }\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("'OUTGOING'").contains("Direction");
    }

    @Test
    void target_key_must_be_a_field() throws IOException {
        MappingException e = loadFails("t.yaml", "target: salesforce\nobject: X\nkey: Ext\nfields:\n  Other: externalKey\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("'Ext' is not among the fields");
    }

    @Test
    void a_file_that_is_neither_source_nor_target() throws IOException {
        MappingException e = loadFails("x.yaml", "object: Thing\nid: id\n");
        assertThat(e.reason()).contains("either source: or target:");
    }

    @Test
    void a_folder_without_mapping_files() {
        assertThatThrownBy(() -> MappingRegistry.load(dir.toString())).isInstanceOf(MappingException.class)
                .hasMessageContaining("no *.yaml mapping files");
    }
}
