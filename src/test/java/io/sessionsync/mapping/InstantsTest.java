package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstantsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-20T10:15:30.000+0000,    2026-11-20T10:15:30Z",      // Salesforce
            "2026-11-20T11:15:30.000+0100,    2026-11-20T10:15:30Z",
            "2026-11-20T10:15:30Z,            2026-11-20T10:15:30Z",      // Twilio
            "2026-11-20T12:15:30.5+02:00,     2026-11-20T10:15:30.5Z",    // ISO with offset and fraction
            "2026-11-20T05:15:30-05:00,       2026-11-20T10:15:30Z",
            "2026-11-20T10:15:30.1234567Z,    2026-11-20T10:15:30.1234567Z", // ServiceStack, 7 digits
            "2026-11-20T10:15:30.1234567,     2026-11-20T10:15:30.1234567Z", // no zone: UTC
            "2026-11-20T10:15:30,             2026-11-20T10:15:30Z",
            "/Date(1795169730000)/,           2026-11-20T10:15:30Z",      // WCF
            "/Date(1795169730000-0000)/,      2026-11-20T10:15:30Z",
            "/Date(1795169730000+0100)/,      2026-11-20T10:15:30Z",      // the offset is display only
            "2026-11-20T10:15:30+01,          2026-11-20T09:15:30Z",
            "2026-11-20T10:15,                2026-11-20T10:15:00Z",      // no seconds: the formatter path
            "2026-11-20,                      2026-11-20T00:00:00Z"})
    void reads_every_source_format(String text, String expected) {
        assertThat(Instants.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void rejects_what_it_cannot_read() {
        assertThatThrownBy(() -> Instants.parse("20/11/2026 10:15")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Instants.parse("/Date(abc)/")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Instants.parse("2026-02-30T10:15:30Z")).isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> Instants.parse("2026-11-20T25:15:30Z")).isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> Instants.parse("2026-11-20T10:15:30 PST")).isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> Instants.parse("2026-11-20T10:15:30.Z")).isInstanceOf(java.time.DateTimeException.class);
    }
}
