package io.sessionsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProxySessionGeneratorTest {
    static final String A = "KS" + "a".repeat(32);
    static final String B = "KS" + "b".repeat(32);
    static final String BASE = "https://proxy.twilio.com";

    @Test
    void the_same_seed_gives_the_same_sessions_and_another_seed_different_ones() {
        ProxySessionGenerator one = new ProxySessionGenerator(1, 100, List.of(A));
        ProxySessionGenerator again = new ProxySessionGenerator(1, 100, List.of(A));
        ProxySessionGenerator other = new ProxySessionGenerator(2, 100, List.of(A));
        assertThat(one.session(42, BASE)).isEqualTo(again.session(42, BASE));
        assertThat(one.sid(42)).isNotEqualTo(other.sid(42));
    }

    @Test
    void sessions_have_the_proxy_v1_shape_with_valid_values() {
        ProxySessionGenerator gen = new ProxySessionGenerator(3, 500, List.of(A, B));
        for (int i = 0; i < 500; i++) {
            ObjectNode s = gen.session(i, BASE);
            assertThat(s.get("sid").asText()).matches("^KC[0-9a-f]{32}$");
            assertThat(s.get("account_sid").asText()).matches("^AC[0-9a-f]{32}$");
            assertThat(s.get("service_sid").asText()).isIn(A, B);
            assertThat(s.get("mode").asText()).isIn("message-only", "voice-only", "voice-and-message");
            assertThat(s.get("status").asText()).isIn("open", "in-progress", "closed", "failed", "unknown");
            Instant created = Instant.parse(s.get("date_created").asText());
            assertThat(Instant.parse(s.get("date_updated").asText())).isAfter(created);
            Instant.parse(s.get("date_started").asText());
            assertThat(s.get("ttl").isInt()).isTrue();
            assertThat(s.get("url").asText()).isEqualTo(BASE + "/v1/Services/" + s.get("service_sid").asText()
                    + "/Sessions/" + s.get("sid").asText());
            assertThat(s.get("links").get("participants").asText()).endsWith("/Participants");
            boolean ended = s.get("status").asText().matches("closed|failed");
            assertThat(s.get("date_ended").isNull()).isEqualTo(!ended);
            assertThat(s.get("closed_reason").isNull()).isEqualTo(!ended);
        }
    }

    @Test
    void sids_are_unique_and_map_back_to_their_index() {
        ProxySessionGenerator gen = new ProxySessionGenerator(5, 20_000, List.of(A));
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String sid = gen.sid(i);
            assertThat(sids.add(sid)).isTrue();
            if (i % 997 == 0) assertThat(gen.find(sid)).contains(i);
        }
        assertThat(gen.find("KC" + "f".repeat(32))).isEmpty();
        assertThat(gen.find("nonsense")).isEmpty();
    }

    @Test
    void a_million_sessions_are_computed_not_stored() {
        ProxySessionGenerator gen = new ProxySessionGenerator(9, 1_000_000, List.of(A, B));
        assertThat(gen.countFor(A) + gen.countFor(B)).isEqualTo(1_000_000);
        JsonNode last = gen.session(999_999, BASE);
        assertThat(gen.find(last.get("sid").asText())).contains(999_999);
    }

    @Test
    void sessions_are_dealt_round_robin_over_services() {
        ProxySessionGenerator gen = new ProxySessionGenerator(1, 7, List.of(A, B));
        assertThat(gen.countFor(A)).isEqualTo(4);
        assertThat(gen.countFor(B)).isEqualTo(3);
        assertThat(gen.countFor("KS" + "c".repeat(32))).isZero();
        assertThat(gen.serviceOf(gen.indexOf(B, 2))).isEqualTo(B);
    }

    @Test
    void about_the_configured_share_is_broken_in_both_ways() {
        ProxySessionGenerator gen = new ProxySessionGenerator(4, 10_000, List.of(A), 0.05);
        List<Integer> broken = IntStream.range(0, 10_000).filter(gen::isBroken).boxed().toList();
        assertThat(broken.size()).isBetween(400, 600);
        int badDate = broken.stream().filter(i -> i % 2 == 0).findFirst().orElseThrow();
        int noVersion = broken.stream().filter(i -> i % 2 == 1).findFirst().orElseThrow();
        assertThat(gen.session(badDate, BASE).get("date_started").asText()).isEqualTo("not-a-date");
        assertThat(gen.session(noVersion, BASE).get("date_updated").isNull()).isTrue();
        assertThat(gen.session(noVersion, BASE).get("date_created").isNull()).isTrue();
        assertThat(new ProxySessionGenerator(4, 10_000, List.of(A)).isBroken(badDate)).isFalse();
    }

    @Test
    void touch_moves_date_updated_later_and_changes_the_status() {
        ProxySessionGenerator gen = new ProxySessionGenerator(1, 10, List.of(A));
        ObjectNode before = gen.session(3, BASE);
        gen.touch(gen.sid(3));
        ObjectNode after = gen.session(3, BASE);
        assertThat(Instant.parse(after.get("date_updated").asText()))
                .isAfter(Instant.parse(before.get("date_updated").asText()));
        assertThat(after.get("status").asText()).isNotEqualTo(before.get("status").asText());
        assertThat(gen.session(4, BASE)).isEqualTo(new ProxySessionGenerator(1, 10, List.of(A)).session(4, BASE));
        assertThatThrownBy(() -> gen.touch("KC" + "0".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
