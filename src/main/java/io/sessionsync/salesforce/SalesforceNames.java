package io.sessionsync.salesforce;

import java.util.regex.Pattern;

/**
 * Checks Salesforce API names (objects, fields) before they reach SOQL or a request body. Shared by
 * the source (which builds SOQL) and the target (which names fields in upserts), so neither depends
 * on the other.
 */
public final class SalesforceNames {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(__c)?$");

    private SalesforceNames() {}

    /** Returns the name if it is a plain API name, else throws naming the bad value. */
    public static String apiName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Salesforce API name: '" + printable(name) + "'");
        }
        return name;
    }

    /** The value cut short and with control characters masked, fit for an error message. */
    public static String printable(String s) {
        if (s == null) return "null";
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
