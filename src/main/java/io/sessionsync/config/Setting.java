package io.sessionsync.config;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * One declared setting: its key, default, one-line documentation, and how a value is checked.
 * Each can be overridden by an environment variable named after the key: upper case, with dots and
 * dashes turned into underscores ({@code sessionsync.store.url} -> {@code SESSIONSYNC_STORE_URL}).
 *
 * @param secret a secret's value is never printed, logged or put into an error message
 */
public record Setting(String key, String defaultValue, String doc, boolean secret,
                      Predicate<String> check, String expectation) {

    public String envName() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value as it may appear in logs and errors. */
    public String printable(String value) {
        if (value == null) return "(unset)";
        return secret ? "****" : value;
    }
}
