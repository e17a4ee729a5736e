package io.sessionsync.source.evovoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EvoVoiceDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-20T10:15:30.1234567Z      | 2026-11-20T10:15:30.123456700Z",
            "2026-11-20T10:15:30Z              | 2026-11-20T10:15:30Z",
            "2026-11-20T10:15:30.5             | 2026-11-20T10:15:30.500Z",
            "2026-11-20T10:15:30.1234567       | 2026-11-20T10:15:30.123456700Z",
            "2026-11-20 10:15:30               | 2026-11-20T10:15:30Z",
            "2026-11-20T11:15:30.000+01:00     | 2026-11-20T10:15:30Z",
            "2026-11-20T05:15:30.000-0500      | 2026-11-20T10:15:30Z",
            "2026-11-20T12:15:30+02            | 2026-11-20T10:15:30Z",
            "/Date(1763633730000)/             | 2025-11-20T10:15:30Z",
            "/Date(1763633730000-0000)/        | 2025-11-20T10:15:30Z",
            "/Date(1763633730000+0100)/        | 2025-11-20T10:15:30Z",
            "\\/Date(1763633730123)\\/         | 2025-11-20T10:15:30.123Z",
            "/Date(-1000)/                     | 1969-12-31T23:59:59Z",
    })
    void should_read_servicestack_date_forms_as_utc_instants(String text, String expected) {
        assertThat(EvoVoiceDates.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "  ", "garbage", "2026-13-45T99:00:00Z", "2026-11-20", "/Date(abc)/",
            "2026-11-20T10:15:30.1234567890Z", "20261120T101530Z"})
    void should_reject_unusable_dates_as_empty(String text) {
        assertThat(EvoVoiceDates.parse(text)).isEmpty();
        assertThat(EvoVoiceDates.parseOrNull(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void should_treat_null_as_no_date() {
        assertThat(EvoVoiceDates.parse(null)).isEmpty();
    }
}
