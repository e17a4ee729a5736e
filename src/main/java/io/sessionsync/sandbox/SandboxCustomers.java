package io.sessionsync.sandbox;

import java.util.Locale;

/**
 * The customers the three simulated systems share, so that the store's cross-system queries find the
 * same person in Twilio Proxy, Evo Voice and Salesforce, as a real contact centre would. Customer
 * {@code k} (0 to {@link #SIZE} - 1) has one phone, a name, an e-mail and a Salesforce Contact. Each
 * system spells the phone its own way (Twilio in E.164, Salesforce as {@code (415) 555-0123}), which
 * the mappings' {@code type: phone} brings back to one key.
 *
 * <p>Session {@code i} of a system belongs to customer {@link #of(int, int) of(i, stride)}; the systems
 * use different strides, coprime with {@link #SIZE}, so every customer appears in each system once it
 * has {@link #SIZE} sessions. Everything here is fictional.
 */
public final class SandboxCustomers {
    public static final int SIZE = 200;

    /** Strides per system (coprime with 200). */
    static final int TWILIO = 7, EVO = 11, SALESFORCE = 13;

    private static final String[] FIRST = {"Ada", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jon"};
    private static final String[] LAST = {"Ng", "O'Brien", "Schmidt", "Okafor", "Rossi", "Silva", "Kowalski", "Dubois", "Haddad", "Park"};

    private SandboxCustomers() {}

    /** The customer of session {@code i} in a system that deals them with {@code stride}. */
    static int of(int i, int stride) {
        return (int) (((long) i * stride) % SIZE);
    }

    /** Customer {@code k}'s phone in E.164: +1 415 555 0000 to 0199 (fictional numbers). */
    public static String phone(int k) {
        return String.format(Locale.ROOT, "+1415555%04d", k);
    }

    /** The same phone as Salesforce users type it. */
    static String nationalPhone(int k) {
        return String.format(Locale.ROOT, "(415) 555-%04d", k);
    }

    static String name(int k) {
        return FIRST[k % FIRST.length] + " " + LAST[(k / FIRST.length) % LAST.length];
    }

    static String email(int k) {
        return String.format(Locale.ROOT, "customer%03d@example.com", k);
    }

    /** Customer {@code k}'s Salesforce Contact id. */
    public static String contactId(int k) {
        return String.format(Locale.ROOT, "0035g00000Cu%04dAAA", k);
    }

    /** Customer {@code k}'s Salesforce MessagingEndUser id. */
    static String messagingEndUserId(int k) {
        return String.format(Locale.ROOT, "0PA5g00000Mu%04dAAA", k);
    }
}
