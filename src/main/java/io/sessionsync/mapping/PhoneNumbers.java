package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code type: phone} of mapping files: a phone number as text in any usual spelling
 * ({@code (415) 555-0100}, {@code +44 20 7946 0000}, {@code whatsapp:+1415...}) read into E.164
 * ({@code +14155550100}) with libphonenumber. A number written without a country code is read in the
 * default region ({@code sessionsync.mappings.phone-region}).
 *
 * <p>A value that is no phone number at all (a Twilio {@code client:alice} identity, a chat id) reads
 * as empty rather than failing the record: such sessions are valid, they just have no phone. A
 * mapping keeps the raw value in an attribute when it is wanted.
 */
public final class PhoneNumbers {
    /** The region of numbers without a country code when nothing else is configured. */
    public static final String DEFAULT_REGION = "US";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Address schemes in front of a number: Twilio's whatsapp:, messenger-free sms:, tel: URIs. */
    private static final Pattern SCHEME = Pattern.compile("^(?i)(whatsapp|sms|tel|mms):");

    private final String region;

    public PhoneNumbers(String region) {
        if (!isRegion(region)) throw new IllegalArgumentException("not a region libphonenumber knows: '" + region + "'");
        this.region = region.toUpperCase(Locale.ROOT);
    }

    /** True for a two-letter region code (ISO 3166-1) libphonenumber has numbering rules for. */
    public static boolean isRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /** The number in E.164, or null when the text is not a possible phone number. */
    public String e164(String text) {
        if (text == null) return null;
        String number = SCHEME.matcher(text.trim()).replaceFirst("");
        if (number.isEmpty()) return null;
        try {
            PhoneNumber parsed = UTIL.parse(number, region);
            return UTIL.isPossibleNumber(parsed) ? UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The coercer of {@code type: phone}: text in, E.164 or null out. */
    Object coerce(JsonNode value) {
        return e164(ValueType.readString(value));
    }
}
