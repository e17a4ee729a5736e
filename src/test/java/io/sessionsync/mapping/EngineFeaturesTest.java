package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each field-spec feature at record time, on a small mapping written here. */
class EngineFeaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static SourceMapping m;

    @BeforeAll
    static void load() throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), """
                source: demo
                object: Thing
                id: "ids[1]"
                version: meta.updated
                fields:
                  queue:           { from: "members[0].displayName" }
                  caseId:          { from: case, required: true }
                  outcome:         { from: outcome, default: none }
                  channelDetail:   { constant: DEMO }
                  channel:         { from: kind, map: { a: VOICE } }
                  direction:       dir
                  durationSeconds: { from: took, type: seconds }
                  waitSeconds:     { from: waited, type: integer }
                  deleted:         { from: gone, type: boolean, default: false }
                  attributes.flag: { from: flag, type: boolean }
                  attributes.raw:  raw
                """);
        m = MappingRegistry.load(dir.toString()).source("demo", "Thing").orElseThrow();
    }

    private static JsonNode rec(String json) throws IOException {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static final String BASE = "'ids':['x','id-1'],'meta':{'updated':'2026-11-20T10:15:30Z'},'case':'C1'";

    @Test
    void nested_paths_constants_defaults_and_enum_names() throws Exception {
        CanonicalSession s = m.map(rec("{" + BASE + ",'members':[{'displayName':'Support'}],'kind':'a','dir':'outbound'}"));
        assertThat(s.sourceId()).isEqualTo("id-1");
        assertThat(s.queue()).isEqualTo("Support");
        assertThat(s.caseId()).isEqualTo("C1");
        assertThat(s.outcome()).isEqualTo("none");
        assertThat(s.channelDetail()).isEqualTo("DEMO");
        assertThat(s.channel()).isEqualTo(Channel.VOICE);
        assertThat(s.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(s.deleted()).isFalse();
        assertThat(m.readFields()).containsExactlyInAnyOrder("ids", "meta.updated", "members", "case", "outcome", "kind", "dir",
                "took", "waited", "gone", "flag", "raw");
    }

    @Test
    void seconds_booleans_and_pass_through_json() throws Exception {
        assertThat(m.map(rec("{" + BASE + ",'took':'PT1M30S','waited':'7','gone':1,'flag':'true'}")))
                .satisfies(s -> {
                    assertThat(s.durationSeconds()).isEqualTo(90L);
                    assertThat(s.waitSeconds()).isEqualTo(7L);
                    assertThat(s.deleted()).isTrue();
                    assertThat(s.attributes()).containsEntry("flag", true);
                });
        assertThat(m.map(rec("{" + BASE + ",'took':'01:02:03','gone':'false','raw':{'a':[1,'b',null]}}")))
                .satisfies(s -> {
                    assertThat(s.durationSeconds()).isEqualTo(3723L);
                    assertThat(s.deleted()).isFalse();
                    assertThat(s.attributes().get("raw")).isEqualTo(java.util.Map.of("a", java.util.Arrays.asList(1L, "b", null)));
                });
        assertThat(m.map(rec("{" + BASE + ",'took':12.9}")).durationSeconds()).isEqualTo(12L);
    }

    @Test
    void a_missing_required_field_fails_the_record() {
        assertThatThrownBy(() -> m.map(rec("{'ids':['x','id-1'],'meta':{'updated':'2026-11-20T10:15:30Z'}}")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("caseId"))
                .hasMessageContaining("demo.yaml").hasMessageContaining("required").hasMessageContaining("case");
    }

    @Test
    void an_unmapped_value_without_fallback_fails_the_record() {
        assertThatThrownBy(() -> m.map(rec("{" + BASE + ",'kind':'secret-kind'}")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("channel"))
                .hasMessageContaining("no fallback").hasMessageNotContaining("secret-kind");
    }

    @Test
    void values_that_cannot_be_coerced_fail_the_record_without_echoing_them() {
        assertThatThrownBy(() -> m.map(rec("{" + BASE + ",'gone':'maybe-secret'}")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("deleted"))
                .hasMessageNotContaining("maybe-secret");
        assertThatThrownBy(() -> m.map(rec("{" + BASE + ",'waited':99999999999}")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("waitSeconds"));
        assertThatThrownBy(() -> m.map(rec("{" + BASE + ",'took':{'x':1}}")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("durationSeconds"));
    }

    @Test
    void an_unparseable_version_fails_on_the_version() {
        assertThatThrownBy(() -> m.map(rec("{'ids':['x','id-1'],'meta':{'updated':'yesterday'},'case':'C1'}")))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("version"))
                .hasMessageContaining("meta.updated").hasMessageNotContaining("yesterday");
    }
}
