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
    private static final byte[] PAGE = ("{\"sessions\":[" + RECORD + "]}").getBytes(StandardCharsets.UTF_8);
    private static final int START = "{\"sessions\":[".length();
    private static final int END = START + RECORD.getBytes(StandardCharsets.UTF_8).length;

    @Test
    void a_record_kept_as_bytes_of_its_page_reads_as_the_same_tree_and_text_as_one_given_as_text() throws Exception {
        RawRecord fromPage = new RawRecord("twilio-proxy", "Session", "KC1", V, PAGE, START, END);
        RawRecord fromText = new RawRecord("twilio-proxy", "Session", "KC1", V, RECORD);

        assertThat(fromPage.json()).isEqualTo(RECORD);
        assertThat(fromPage.node()).isEqualTo(Json.mapper().readTree(RECORD));
        assertThat(fromPage).isEqualTo(fromText);
        assertThat(fromPage.withId("other").node()).isEqualTo(fromText.node());
    }

    @Test
    void bytes_that_are_not_json_fail_when_the_tree_is_asked_for_and_still_give_their_text() {
        byte[] page = "{\"sid\":".getBytes(StandardCharsets.UTF_8);
        RawRecord broken = new RawRecord("twilio-proxy", "Session", null, null, page, 0, page.length);

        assertThat(broken.json()).isEqualTo("{\"sid\":");
        assertThatThrownBy(broken::node).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void a_range_outside_the_page_is_refused_at_once() {
        assertThatThrownBy(() -> new RawRecord("twilio-proxy", "Session", "KC1", V, PAGE, START, PAGE.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
