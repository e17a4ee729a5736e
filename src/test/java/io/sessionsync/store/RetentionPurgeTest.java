package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention purge deletes finished history older than the period and nothing that is still owed
 * or still holds something: running runs, pending events, pending and discarded letters.
 */
class RetentionPurgeTest {
    @TempDir Path dir;

    @Test
    void history_older_than_the_period_goes_and_what_still_holds_something_stays() {
        try (Database db = TestDatabases.h2(dir)) {
            RunStore runs = new RunStore(db);
            long finished = runs.start("evovoice", Trigger.SCHEDULE);
            runs.finish(finished, RunCounts.ZERO, RunStore.SUCCEEDED, null);
            runs.start("evovoice", Trigger.SCHEDULE);  // still running
            DeadLetterStore letters = new DeadLetterStore(db);
            long replayed = letters.record(new RawRecord("evovoice", "Session", "a", null, "{}"), "mapping", "E", null, "m");
            letters.markReplayed(replayed);
            long discarded = letters.record(new RawRecord("evovoice", "Session", "b", null, "{}"), "mapping", "E", null, "m");
            letters.discard(discarded, "test data");
            letters.record(new RawRecord("evovoice", "Session", "c", null, "{}"), "mapping", "E", null, "m");

            WebhookInbox inbox = new WebhookInbox(db);
            inbox.offer("evovoice", "k".repeat(64), "{}");
            inbox.offer("evovoice", "p".repeat(64), "{}");
            inbox.markDone(inbox.claim(1).get(0).id());

            RetentionPurge purge = new RetentionPurge(db, Duration.ofDays(90));
            assertThat(purge.purge(Duration.ofDays(90), Instant.now()).total()).as("nothing is old yet").isZero();
            assertThat(purge.purge(Duration.ZERO, Instant.now().plus(Duration.ofDays(365))).total()).as("0 keeps for ever").isZero();

            RetentionPurge.Purged later = purge.purge(Duration.ofDays(90), Instant.now().plus(Duration.ofDays(91)));

            assertThat(later.runs()).isEqualTo(1);
            assertThat(later.webhookEvents()).isEqualTo(1);
            assertThat(inbox.pending()).as("the pending event stays").isEqualTo(1);
            assertThat(later.deadLetters()).isEqualTo(1);
            assertThat(runs.recent(10)).extracting(RunRecord::status).containsExactly(RunStore.RUNNING);
            assertThat(letters.list(DeadLetterFilter.all())).extracting(DeadLetter::status)
                    .containsExactlyInAnyOrder(DeadLetterStore.DISCARDED, DeadLetterStore.PENDING);
        }
    }
}
