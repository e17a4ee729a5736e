package io.sessionsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SalesforceDateTimesTest {

    @Test
    void parses_the_rest_api_format_without_colon_in_the_offset() {
        assertThat(SalesforceDateTimes.parse("2026-11-20T10:15:30.000+0000")).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
        assertThat(SalesforceDateTimes.parse("2026-11-20T12:15:30.250+0200")).isEqualTo(Instant.parse("2026-11-20T10:15:30.250Z"));
        assertThat(SalesforceDateTimes.parse("2026-11-20T10:15:30Z")).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
        assertThat(SalesforceDateTimes.parse(null)).isNull();
    }

    @Test
    void formats_all_three_spellings() {
        Instant t = Instant.parse("2026-11-20T10:15:30.999Z");
        assertThat(SalesforceDateTimes.format(t)).isEqualTo("2026-11-20T10:15:30.999+0000");
        assertThat(SalesforceDateTimes.soqlLiteral(t)).isEqualTo("2026-11-20T10:15:30Z");
        assertThat(SalesforceDateTimes.bulkCsv(Instant.parse("2026-11-20T10:15:30.1234567Z"))).isEqualTo("2026-11-20T10:15:30.123Z");
    }
}
