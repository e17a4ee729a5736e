package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void decodes_pairs_keeping_repeated_names_and_order() {
        Map<String, List<String>> form = FormBody.parse("To=%2B14155550100&Body=hi+there%21&Tag=a&Tag=b&Empty=&Bare");
        assertThat(form).containsExactly(
                Map.entry("To", List.of("+14155550100")),
                Map.entry("Body", List.of("hi there!")),
                Map.entry("Tag", List.of("a", "b")),
                Map.entry("Empty", List.of("")),
                Map.entry("Bare", List.of("")));
    }

    @Test
    void a_stray_percent_sign_is_read_as_text_rather_than_failing_the_request() {
        // the signature check, not the parser, is what refuses a body that was not sent as signed
        assertThat(FormBody.parse("Body=100%&Note=%zz")).containsExactly(
                Map.entry("Body", List.of("100%")),
                Map.entry("Note", List.of("%zz")));
    }

    @Test
    void an_already_parsed_form_keeps_every_value() {
        assertThat(FormBody.of(Map.of("Tag", List.of("a", "b")))).containsExactly(Map.entry("Tag", List.of("a", "b")));
        assertThat(FormBody.of(null)).isEmpty();
    }
}
