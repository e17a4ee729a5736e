package io.sessionsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.source.evovoice.EvoVoiceDates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvoSessionGeneratorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> ACCOUNTS = List.of("acc-1", "acc-2", "acc-3");

    @Test
    void should_generate_the_same_sessions_for_the_same_seed() {
        var a = new EvoSessionGenerator(7, 500, ACCOUNTS, CLOCK);
        var b = new EvoSessionGenerator(7, 500, ACCOUNTS, CLOCK);
        var c = new EvoSessionGenerator(8, 500, ACCOUNTS, CLOCK);
        assertThat(a.session(123, null, true)).isEqualTo(b.session(123, null, true));
        assertThat(a.session(123, null, true)).isNotEqualTo(c.session(123, null, true));
    }

    @Test
    void should_make_both_dates_rise_strictly_with_the_index_even_for_a_million() {
        var g = new EvoSessionGenerator(1, 1_000_000, ACCOUNTS, CLOCK);
        for (int i = 0; i < 1_000_000 - 1; i += 997) {
            assertThat(g.created(i)).isBefore(g.created(i + 1));
            assertThat(g.lastModified(i)).isBefore(g.lastModified(i + 1)).isAfterOrEqualTo(g.created(i));
        }
        assertThat(g.newestLastModified()).isBefore(CLOCK.instant());
        assertThat(g.created(0)).isAfter(CLOCK.instant().minus(Duration.ofDays(31)));
    }

    @Test
    void should_write_dates_the_source_reads_back_to_the_same_instant() {
        var g = new EvoSessionGenerator(3, 2000, ACCOUNTS, CLOCK);
        int wcf = 0;
        for (int i = 0; i < 2000; i++) {
            JsonNode s = g.session(i, null, true);
            String text = s.get("dateLastModified").asText();
            if (text.startsWith("/Date(")) {
                wcf++;
                assertThat(EvoVoiceDates.parse(text)).contains(Instant.ofEpochMilli(g.lastModified(i).toEpochMilli()));
            } else {
                assertThat(EvoVoiceDates.parse(text)).as(text).contains(
                        text.endsWith("Z") ? g.lastModified(i) : Instant.ofEpochMilli(g.lastModified(i).toEpochMilli()));
            }
        }
        assertThat(wcf).as("some sessions use the WCF /Date()/ form").isBetween(100, 400);
    }

    @Test
    void should_fill_every_sessioninfo_field_in_camel_case() {
        JsonNode s = new EvoSessionGenerator(5, 10, ACCOUNTS, CLOCK).session(4, null, true);
        assertThat(s.fieldNames()).toIterable().contains("dialState", "callState", "queueState", "accountId",
                "accountName", "customerId", "customerName", "endpointId", "endpointName", "dateCompleted",
                "destination", "toAddress", "fromAddress", "fromName", "answeredByName", "queueMemberId", "channel",
                "ended", "outcome", "callSid", "holdQueueName", "heldByUserId", "holdReason", "conferenceSid",
                "displayName", "log", "members", "callbackNumber", "answeredById", "direction", "fromPhoneNumber",
                "wasMissed", "ringQueueId", "id", "dateCreated", "dateLastModified", "createdBy", "lastModifiedBy");
        assertThat(s.get("callSid").asText()).matches("CA[0-9a-f]{32}");
        assertThat(s.get("channel").asText()).isIn("Voice", "Chat", "Fax");
        assertThat(s.get("direction").asText()).isIn("Incoming", "Outgoing");
        assertThat(s.get("accountId").asText()).isIn(ACCOUNTS);
        assertThat(s.get("log").size()).isGreaterThan(0);
        assertThat(s.get("log").get(0).fieldNames()).toIterable().containsExactly("date", "message");
        assertThat(s.get("members").get(0).fieldNames()).toIterable().containsExactly("identity", "endpointId",
                "displayName", "isOriginalMember", "avatarUrl", "applicationData", "callState", "role", "callSid", "muted");
        assertThat(new EvoSessionGenerator(5, 10, ACCOUNTS, CLOCK).session(4, null, false).get("log").size()).isZero();
    }

    @Test
    void should_map_ids_back_to_their_index_and_refuse_strangers() {
        var g = new EvoSessionGenerator(9, 1000, ACCOUNTS, CLOCK);
        assertThat(g.id(999)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(g.indexOf(g.id(999))).hasValue(999);
        assertThat(g.indexOf(new EvoSessionGenerator(10, 1000, ACCOUNTS, CLOCK).id(5))).isEmpty();
        assertThat(g.indexOf(g.id(999).replace("3e7", "3e8"))).isEmpty(); // index 1000 is out of range
        assertThat(g.indexOf("nonsense")).isEmpty();
    }

    @Test
    void should_break_about_the_configured_share_and_in_ways_the_source_cannot_read() {
        var g = new EvoSessionGenerator(11, 4000, ACCOUNTS, CLOCK, Duration.ofDays(30), 0.05);
        List<Integer> broken = IntStream.range(0, 4000).filter(g::broken).boxed().toList();
        assertThat(broken.size()).isBetween(120, 280);
        for (int i : broken) {
            JsonNode s = g.session(i, null, true);
            boolean noId = !s.has("id");
            boolean badVersion = EvoVoiceDates.parse(s.get("dateLastModified").asText()).isEmpty();
            assertThat(noId || badVersion).as("session %d is broken", i).isTrue();
        }
        assertThat(new EvoSessionGenerator(11, 4000, ACCOUNTS, CLOCK).broken(broken.get(0))).isFalse();
    }

    @Test
    void should_spread_sessions_over_every_account() {
        var g = new EvoSessionGenerator(2, 300, ACCOUNTS, CLOCK);
        assertThat(IntStream.range(0, 300).mapToObj(g::accountId).collect(java.util.stream.Collectors.toSet()))
                .isEqualTo(Set.copyOf(ACCOUNTS));
    }

    @Test
    void should_reject_nonsense_settings() {
        assertThatThrownBy(() -> new EvoSessionGenerator(1, -1, ACCOUNTS, CLOCK)).hasMessageContaining("count");
        assertThatThrownBy(() -> new EvoSessionGenerator(1, 1, List.of(), CLOCK)).hasMessageContaining("accountIds");
        assertThatThrownBy(() -> new EvoSessionGenerator(1, 1, ACCOUNTS, CLOCK, Duration.ofDays(1), 0.9))
                .hasMessageContaining("brokenShare");
    }
}
