package io.sessionsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page's digest: SHA-256 over each record's id and version as text, the way stored pages were digested from the start. */
class PageDigestTest {
    private static RawRecord record(String id, Instant version) {
        return new RawRecord("twilio-proxy", "Session", id, version, "{}");
    }

    /** The digest spelled out record by record, as the first stored pages were digested. */
    private static String spelledOut(List<RawRecord> records) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (RawRecord r : records) {
            text.write(r.id().getBytes(StandardCharsets.UTF_8));
            text.write(0);
            text.write(r.version().toString().getBytes(StandardCharsets.US_ASCII));
            text.write(0);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toByteArray()));
    }

    @Test
    void a_page_digests_as_it_always_did_so_pages_stored_by_earlier_versions_still_match() throws Exception {
        List<RawRecord> page = List.of(
                record("KC" + "a".repeat(32), Instant.parse("2026-11-20T10:15:30Z")),
                record("KC-ünïcode-🎧", Instant.parse("2026-11-20T10:15:30.120Z")),
                record("x", Instant.parse("2026-11-20T10:15:30.000123Z")),
                record("y", Instant.parse("2026-11-20T10:15:30.000000001Z")),
                record("z", Instant.parse("+12026-01-01T00:00:00Z")),
                record("e", Instant.EPOCH));

        assertThat(PageDigest.of(page)).isEqualTo(spelledOut(page));
        assertThat(PageDigest.of(page.subList(1, 6))).isNotEqualTo(PageDigest.of(page));
    }

    @Test
    void a_page_with_a_record_without_id_or_version_has_no_digest() {
        Instant t = Instant.parse("2026-11-20T10:15:30Z");
        assertThat(PageDigest.of(List.of(record("a", t), record(null, t)))).isNull();
        assertThat(PageDigest.of(List.of(record("a", t), record("b", null)))).isNull();
    }
}
