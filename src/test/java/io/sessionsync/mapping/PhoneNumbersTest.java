package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** type: phone reads the usual spellings of a number into E.164, in the configured default region. */
class PhoneNumbersTest {
    private final PhoneNumbers us = new PhoneNumbers("US");

    @Test
    void national_and_international_spellings_become_e164() {
        assertThat(us.e164("(415) 555-0123")).isEqualTo("+14155550123");
        assertThat(us.e164("415.555.0123")).isEqualTo("+14155550123");
        assertThat(us.e164("+1 415 555 0123")).isEqualTo("+14155550123");
        assertThat(us.e164("+44 20 7946 0000")).isEqualTo("+442079460000");
    }

    @Test
    void a_number_without_country_code_is_read_in_the_default_region() {
        assertThat(new PhoneNumbers("GB").e164("020 7946 0000")).isEqualTo("+442079460000");
        assertThat(new PhoneNumbers("de").e164("030 901820")).isEqualTo("+4930901820");
    }

    @Test
    void channel_prefixes_of_twilio_addresses_are_dropped() {
        assertThat(us.e164("whatsapp:+447700900123")).isEqualTo("+447700900123");
        assertThat(us.e164("tel:+14155550123")).isEqualTo("+14155550123");
    }

    @Test
    void identifiers_that_are_no_phone_number_read_as_empty() {
        assertThat(us.e164("client:agent-ada")).isNull();
        assertThat(us.e164("web-visitor-88")).isNull();
        assertThat(us.e164("12")).isNull();
        assertThat(us.e164("  ")).isNull();
        assertThat(us.e164(null)).isNull();
    }

    @Test
    void an_unknown_region_is_refused_with_its_name() {
        assertThat(PhoneNumbers.isRegion("GB")).isTrue();
        assertThat(PhoneNumbers.isRegion("XX")).isFalse();
        assertThatThrownBy(() -> new PhoneNumbers("XX")).hasMessageContaining("'XX'");
    }
}
