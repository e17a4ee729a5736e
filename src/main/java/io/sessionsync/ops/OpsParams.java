package io.sessionsync.ops;

import io.sessionsync.config.SourceNames;
import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the text of an ops request (HTTP query parameters, CLI options) into checked values. Every
 * check happens before anything runs; a bad value is a {@link BadOpsRequest} naming the parameter.
 * Values are echoed only when short and plain, so an error never reflects a hostile payload.
 */
public final class OpsParams {
    public static final Set<String> STATUSES = Set.of(DeadLetterStore.PENDING, DeadLetterStore.REPLAYED, DeadLetterStore.DISCARDED);
    static final int MAX_TEXT = 200;
    static final int MAX_RUNS = 1000;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private OpsParams() {}

    /** A filter from {@code source, status, error, from, to, limit}; all optional. */
    public static DeadLetterFilter filter(Map<String, String> p) {
        String source = source(p.get("source"), false);
        String status = status(p.get("status"));
        String error = text("error", p.get("error"));
        Instant from = instant("from", p.get("from"));
        Instant to = instant("to", p.get("to"));
        if (from != null && to != null && !from.isBefore(to)) throw new BadOpsRequest("from must be before to");
        int limit = limit("limit", p.get("limit"), DeadLetterFilter.MAX_LIMIT, DeadLetterFilter.DEFAULT_LIMIT);
        return new DeadLetterFilter(source, status, error, from, to, limit);
    }

    /** A dead letter's id: a positive number. */
    public static long id(String value) {
        if (blank(value)) throw new BadOpsRequest("id is required");
        if (!DIGITS.matcher(value.trim()).matches() || Long.parseLong(value.trim()) <= 0) {
            throw new BadOpsRequest("id must be a positive number" + echo(value));
        }
        return Long.parseLong(value.trim());
    }

    /**
     * A known source name ({@code twilio-proxy}, see {@link SourceNames}); null when absent and not required.
     * An unknown name is refused with the valid ones: a typo must not quietly match nothing.
     */
    public static String source(String value, boolean required) {
        if (blank(value)) {
            if (required) throw new BadOpsRequest("source is required");
            return null;
        }
        if (!SOURCE.matcher(value.trim()).matches()) {
            throw new BadOpsRequest("source must be a source name such as twilio-proxy (lower case, digits, dashes)" + echo(value));
        }
        if (!SourceNames.known(value.trim())) {
            throw new BadOpsRequest("unknown source" + quoted(value) + "; valid sources: " + SourceNames.listed());
        }
        return value.trim();
    }

    public static String status(String value) {
        if (blank(value)) return null;
        String s = value.trim();
        if (!STATUSES.contains(s)) throw new BadOpsRequest("status must be one of pending, replayed, discarded" + echo(value));
        return s;
    }

    /** An ISO-8601 instant such as {@code 2026-11-20T10:15:30Z}; null when absent. */
    public static Instant instant(String name, String value) {
        if (blank(value)) return null;
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadOpsRequest(name + " must be an ISO-8601 instant such as 2026-11-20T10:15:30Z" + echo(value));
        }
    }

    /** A limit between 1 and {@code max}; {@code dflt} when absent. */
    public static int limit(String name, String value, int max, int dflt) {
        if (blank(value)) return dflt;
        String v = value.trim();
        if (!DIGITS.matcher(v).matches() || v.length() > 9 || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
            throw new BadOpsRequest(name + " must be a number from 1 to " + max + echo(value));
        }
        return Integer.parseInt(v);
    }

    public static int runsLimit(String value) {
        return limit("limit", value, MAX_RUNS, 20);
    }

    /** Free text (an error search, a discard reason): at most {@value #MAX_TEXT} characters, no control characters. */
    public static String text(String name, String value) {
        if (blank(value)) return null;
        String v = value.trim();
        if (v.length() > MAX_TEXT) throw new BadOpsRequest(name + " must be at most " + MAX_TEXT + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) throw new BadOpsRequest(name + " must not contain control characters");
        return v;
    }

    /** A reason to discard: required, as {@link #text}. */
    public static String reason(String value) {
        String r = text("reason", value);
        if (r == null) throw new BadOpsRequest("reason is required: say why the record is given up");
        return r;
    }

    public static boolean bool(String name, String value) {
        if (blank(value)) return false;
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new BadOpsRequest(name + " must be true or false" + echo(value));
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    /** The bad value in the message only when it is short and printable, so errors stay readable and safe. */
    private static String echo(String value) {
        return plain(value) ? ", not '" + value + "'" : "";
    }

    private static String quoted(String value) {
        return plain(value) ? " '" + value.trim() + "'" : "";
    }

    private static boolean plain(String value) {
        return value.length() <= 40 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '<' && c != '>');
    }
}
