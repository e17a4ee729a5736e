package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An instant goes to the database as the UTC date-time PostgreSQL and H2 store: to the microsecond, below cut off. */
class JdbcInstantsTest {
    @Test
    void an_instant_becomes_its_utc_date_time_truncated_to_microseconds() {
        for (Instant i : List.of(Instant.parse("2026-11-20T10:15:30Z"), Instant.parse("2026-11-20T10:15:30.123456789Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.EPOCH, Instant.parse("+12026-01-01T00:00:00.5Z"))) {
            OffsetDateTime db = Jdbc.toDb(i);
            assertThat(db).isEqualTo(OffsetDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            assertThat(db.getOffset()).isEqualTo(ZoneOffset.UTC);
        }
        assertThat(Jdbc.toDb(null)).isNull();
    }
}
