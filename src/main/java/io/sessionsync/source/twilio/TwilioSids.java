package io.sessionsync.source.twilio;

import java.util.regex.Pattern;

/** The SID shapes Twilio's Proxy spec declares; checked wherever a SID comes from outside. */
public final class TwilioSids {
    public static final Pattern SESSION = Pattern.compile("^KC[0-9a-fA-F]{32}$");
    public static final Pattern SERVICE = Pattern.compile("^KS[0-9a-fA-F]{32}$");
    public static final Pattern ACCOUNT = Pattern.compile("^AC[0-9a-fA-F]{32}$");
    public static final Pattern API_KEY = Pattern.compile("^SK[0-9a-fA-F]{32}$");

    private TwilioSids() {}

    public static boolean isSession(String sid) { return sid != null && SESSION.matcher(sid).matches(); }

    public static boolean isService(String sid) { return sid != null && SERVICE.matcher(sid).matches(); }
}
