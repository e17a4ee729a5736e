package io.sessionsync.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule that keys a session's customer across sources, so that a Twilio number, an Evo Voice
 * caller id and a Salesforce contact's phone meet on the same key: the phone in E.164 form
 * ({@code +14155550100}), else the e-mail address in lower case, else {@code <source>:<contact id>}
 * (a contact id is only unique within its source). Null when the session knows none of them.
 *
 * <p>A phone that is not in E.164 form (a mapping that does not declare {@code type: phone}) is not a
 * key: the same number written two ways would otherwise split one person in two.
 */
public final class CustomerKey {
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private CustomerKey() {}

    public static String of(String source, CanonicalSession.Customer customer) {
        if (customer.phone() != null && E164.matcher(customer.phone()).matches()) return customer.phone();
        if (customer.email() != null && !customer.email().isBlank()) return customer.email().trim().toLowerCase(Locale.ROOT);
        if (customer.contactId() != null && !customer.contactId().isBlank()) return source + ":" + customer.contactId();
        return null;
    }
}
