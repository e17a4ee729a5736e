package io.sessionsync.salesforce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API budget as Salesforce last reported it in {@code Sforce-Limit-Info}
 * ({@code api-usage=used/max}). Shared by the Salesforce source and target, so a scheduled poll can
 * leave room for writes and for other integrations of the org.
 */
public final class SalesforceBudget {
    /** The response header Salesforce reports usage in. */
    public static final String HEADER = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[,\\s])api-usage=(\\d+)/(\\d+)");

    private volatile long used = -1;
    private volatile long max = -1;

    /** Reads an {@code Sforce-Limit-Info} value; ignores null and values without {@code api-usage}. */
    public void update(String headerValue) {
        if (headerValue == null) return;
        Matcher m = API_USAGE.matcher(headerValue);
        if (m.find()) {
            long u = Long.parseLong(m.group(1));
            long x = Long.parseLong(m.group(2));
            synchronized (this) {
                used = u;
                max = x;
            }
        }
    }

    /** Calls used today, or -1 before the first report. */
    public long used() { return used; }

    /** Calls allowed per day, or -1 before the first report. */
    public long max() { return max; }

    /** used/max, or 0 before the first report. */
    public synchronized double share() {
        return max <= 0 || used < 0 ? 0.0 : (double) used / max;
    }

    /** Whether usage went over {@code limitShare} (e.g. 0.8 for 80 %). */
    public boolean exceeds(double limitShare) {
        return share() > limitShare;
    }

    @Override
    public String toString() {
        return "api-usage=" + used + "/" + max;
    }
}
