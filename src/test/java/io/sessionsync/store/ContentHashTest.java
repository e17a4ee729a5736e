package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.CanonicalSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The content hash is stored (content_hash, the outbox's wanted/settled hashes): a cheaper way to compute
 * it must give the very same hashes, or every stored row would look changed once.
 */
class ContentHashTest {

    @Test
    void instants_are_formatted_exactly_as_instant_to_string() {
        Random random = new Random(14);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-11-20T10:15:30Z"),
                Instant.parse("2026-11-20T10:15:30.100Z"), Instant.parse("2026-11-20T10:15:30.000100Z"),
                Instant.parse("2026-11-20T10:15:30.000000100Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00.5Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-02-29T23:59:59Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1900-02-28T00:00:00Z"), Instant.parse("1900-03-01T00:00:00Z"),
                Instant.parse("2000-02-29T12:00:00Z"), Instant.parse("2100-03-01T00:00:00Z")));
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong() % 253_402_300_799L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant t : instants) {
            StringBuilder b = new StringBuilder();
            IsoInstant.append(b, t);
            assertThat(b.toString()).as("%s", t).isEqualTo(t.toString());
            assertThat(IsoInstant.length(t)).as("%s", t).isEqualTo(t.toString().length());
        }
    }

    @Test
    void the_hash_of_a_session_is_the_one_earlier_versions_stored() throws Exception {
        // Beyond ASCII (2-, 3- and 4-byte UTF-8, a lone surrogate the encoding makes '?'), a value longer than
        // the buffers start with and one longer than a thread keeps, each followed by short ones.
        List<CanonicalSession> sessions = List.of(Sessions.full("KC1", Sessions.T0), Sessions.sparse("S1", Sessions.T0),
                Sessions.full("KC2", Instant.parse("2026-11-20T10:15:30.000001Z")).toBuilder()
                        .customerName("Zoë 李 \uD83D\uDE00 lone \uD800 end").build(),
                Sessions.full("KC3", Sessions.T0).toBuilder().outcome("x".repeat(5000) + "é".repeat(3000)).build(),
                Sessions.full("KC4", Sessions.T0).toBuilder().outcome("€".repeat(300_000)).build(), // beyond what is kept
                Sessions.sparse("S2", Instant.parse("2026-11-20T10:15:30.120Z")));
        for (CanonicalSession s : sessions) {
            List<Object> content = SessionRows.contentValues(s);
            assertThat(SessionRows.contentHash(content)).as(s.sourceId()).isEqualTo(earlierHash(content));
        }
    }

    /** The hash as computed up to issue 14: each value's toString with its length, SHA-256, hex. */
    private static String earlierHash(List<Object> values) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            if (value == null) text.append("-;");
            else text.append(value.toString().length()).append(':').append(value).append(';');
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
