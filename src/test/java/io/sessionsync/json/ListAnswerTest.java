package io.sessionsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListAnswerTest {
    private static final Set<String> PEEK = Set.of("sid", "date_updated");

    private static ListAnswer read(String json) throws IOException {
        return ListAnswer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "sessions", PEEK);
    }

    private static String text(ListAnswer.Item item) {
        return new String(item.json(), StandardCharsets.UTF_8);
    }

    @Test
    void each_item_is_kept_byte_for_byte_as_sent_with_its_characters_numbers_and_spacing() throws IOException {
        String first = "{\"sid\":\"KC1\",\"unique_name\":\"Zoë 🎧 \\\"Ünal\\\" \\ud83c\\udfa7\",\"ttl\":1.10,"
                + "\"big\":123456789012345678901234567890,\"nested\":{\"sid\":\"not me\",\"a\":[1,{\"b\":\"}\"},null,true]}}";
        String second = "{ \"sid\" : \"KC2\" ,\n \"date_updated\" : \"2026-01-02T03:04:05Z\" }";
        ListAnswer a = read("{\"meta\":{\"page\":0},\"sessions\":[ " + first + " ,\n" + second + "]}");

        assertThat(a.items()).hasSize(2);
        assertThat(text(a.items().get(0))).isEqualTo(first);
        assertThat(text(a.items().get(1))).isEqualTo(second);
        assertThat(a.items().get(1).text("sid")).isEqualTo("KC2");
        assertThat(Json.mapper().readTree(a.items().get(0).json())).isEqualTo(Json.mapper().readTree(first));
    }

    @Test
    void items_are_cut_out_whole_however_the_stream_hands_over_its_bytes() throws IOException {
        // Many items, one far bigger than the parser's buffer, read through a stream that gives 1 to 7 bytes a
        // read: item boundaries fall anywhere in the parser's buffer and in the kept bytes.
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String name = i == 150 ? "x".repeat(40_000) : "Zoë 🎧 " + i;
            sent.add("{\"sid\":\"KC" + i + "\", \"unique_name\":\"" + name + "\",\"n\":[" + i + ",{\"a\":\"]\"}]}");
        }
        sent.add("\"a string \\\" item\"");
        sent.add("-12.5e3");
        byte[] page = ("\uFEFF{\"sessions\": [" + String.join(",", sent) + "], \"meta\": {\"page\": 3}}").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(page)) {
            int turn;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + turn++ % 7));
            }
        };

        ListAnswer a = ListAnswer.read(trickle, "sessions", PEEK);

        assertThat(a.items()).extracting(ListAnswerTest::text).containsExactlyElementsOf(sent);
        assertThat(a.items().get(299).text("sid")).isEqualTo("KC299");
        assertThat(a.rest().path("meta").path("page").asInt()).isEqualTo(3);
    }

    @Test
    void peeked_fields_are_the_top_level_ones_only_and_the_last_of_a_repeated_field_wins() throws IOException {
        ListAnswer a = read("{\"sessions\":[{\"nested\":{\"sid\":\"inner\"},\"sid\":\"KC1\",\"date_updated\":\"x\","
                + "\"date_updated\":\"2026-01-02T03:04:05Z\",\"other\":\"y\"}]}");

        ListAnswer.Item item = a.items().get(0);
        assertThat(item.text("sid")).isEqualTo("KC1");
        assertThat(item.text("date_updated")).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(item.text("other")).as("not asked for").isNull();
    }

    @Test
    void a_null_or_structured_peeked_field_reads_as_absent_and_numbers_as_written() throws IOException {
        ListAnswer a = read("{\"sessions\":[{\"sid\":null,\"date_updated\":{\"at\":1}},{\"sid\":42}]}");

        assertThat(a.items().get(0).text("sid")).isNull();
        assertThat(a.items().get(0).text("date_updated")).isNull();
        assertThat(a.items().get(1).text("sid")).isEqualTo("42");
    }

    @Test
    void items_that_are_not_objects_are_cut_out_too() throws IOException {
        ListAnswer a = read("{\"sessions\":[\"a \\\"quoted\\\" text\",17,[1, 2],null,true]}");

        assertThat(a.items()).extracting(ListAnswerTest::text)
                .containsExactly("\"a \\\"quoted\\\" text\"", "17", "[1, 2]", "null", "true");
    }

    @Test
    void everything_outside_the_list_is_kept_as_a_tree() throws IOException {
        ListAnswer a = read("{\"sessions\":[],\"meta\":{\"next_page_url\":\"https://x/v1?Page=1\",\"page\":1}}");

        assertThat(a.hasList()).isTrue();
        assertThat(a.items()).isEmpty();
        JsonNode meta = a.rest().path("meta");
        assertThat(meta.path("next_page_url").asText()).isEqualTo("https://x/v1?Page=1");
        assertThat(a.rest().has("sessions")).isFalse();
    }

    @Test
    void a_missing_list_or_one_that_is_not_an_array_is_reported_as_no_list() throws IOException {
        assertThat(read("{\"meta\":{}}").hasList()).isFalse();
        assertThat(read("{\"sessions\":{\"sid\":\"KC1\"}}").hasList()).isFalse();
        assertThat(read("{\"sessions\":{\"sid\":\"KC1\"}}").items()).isEqualTo(List.of());
    }

    @Test
    void an_answer_that_is_not_one_json_object_is_refused() {
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> read("{\"sessions\":[{\"sid\":\"KC1\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"sessions\":[]} trailing")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("<html>busy</html>")).isInstanceOf(IOException.class);
    }
}
