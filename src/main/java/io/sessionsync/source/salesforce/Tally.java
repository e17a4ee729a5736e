package io.sessionsync.source.salesforce;

import java.time.Instant;

/** What one pass (REST or bulk) has read so far. */
class Tally {
    Instant max;
    long read;
}
