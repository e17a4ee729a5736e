package io.sessionsync.run;

import java.util.Locale;

/** What started a run; recorded with every run in {@code sync_run}. */
public enum Trigger {
    /** A Quartz schedule fired. */
    SCHEDULE,
    /** A verified webhook named a record. */
    WEBHOOK,
    /** Ops replayed dead letters or re-read a source window. */
    REPLAY,
    /** Someone ran {@code sync} from the command line or the admin API. */
    MANUAL,
    /** A Salesforce change event named records (docs/salesforce-subscribe.md), or its gap, overflow or rejected replay id asked for a poll. */
    SUBSCRIPTION;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
