package io.sessionsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sessionsync.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawRecordTest {
    private static final Instant V = Instant.parse("2026-01-02T03:04:05Z");
    private static final String RECORD = "{\"sid\":\"KC1\",\"unique_name\":\"Zoë 🎧\",\"n\":[1,2]}";

    @Test
    void a_record_given_as_utf8_json_reads_as_the_same_tree_and_text_as_one_given_as_text() throws Exception {
        RawRecord fromBytes = new RawRecord("twilio-proxy", "Session", "KC1", V, RECORD.getBytes(StandardCharsets.UTF_8));
        RawRecord fromText = new RawRecord("twilio-proxy", "Session", "KC1", V, RECORD);

        assertThat(fromBytes.json()).isEqualTo(RECORD);
        assertThat(fromBytes.node()).isEqualTo(Json.mapper().readTree(RECORD));
        assertThat(fromBytes).isEqualTo(fromText);
        assertThat(fromBytes.withId("other").node()).isEqualTo(fromText.node());
    }

    @Test
    void bytes_that_are_not_json_fail_when_the_tree_is_asked_for_and_still_give_their_text() {
        RawRecord broken = new RawRecord("twilio-proxy", "Session", null, null, "{\"sid\":".getBytes(StandardCharsets.UTF_8));

        assertThat(broken.json()).isEqualTo("{\"sid\":");
        assertThatThrownBy(broken::node).isInstanceOf(JsonProcessingException.class);
    }
}
