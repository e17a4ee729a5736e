package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.ops.OpsService;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.DeadLetterFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dead letters an operator can trust. A discard holds for the record version it was made for. Twilio Proxy runs re-read every session:
 * the discarded broken version, read again, is counted as skipped and not lettered again (it used to
 * come back as a new letter on the next run); a newer version of that record is processed normally.
 * A replay by filter takes every match, in batches, unless a limit is given (it used to stop at the
 * first 100 and say nothing of the rest); a list says how many it shows of how many.
 */
class DeadLetterHandlingIT extends WithPgSchema {
    @Test
    void a_discarded_version_read_again_is_skipped_and_a_newer_version_is_processed() throws Exception {
        try (SandboxApp app = SandboxApp.start(schema, "discard-" + schema.name, Map.of(
                "sessionsync.sandbox.sessions-per-source", "400",
                "sessionsync.sandbox.broken-share", "0.05",
                "sessionsync.evovoice.enabled", "false",
                "sessionsync.salesforce.target.enabled", "false"))) {
            RunSummary first = app.sync().run("twilio-proxy", Trigger.MANUAL);
            long broken = first.counts().failed();
            assertThat(broken).isGreaterThan(2);
            List<DeadLetter> letters = app.deadLetters().list(new DeadLetterFilter(null, "pending", null, null, null, 1000));
            List<DeadLetter> versioned = letters.stream().filter(l -> l.recordVersion() != null).toList();
            assertThat(versioned).hasSizeGreaterThanOrEqualTo(2);
            OpsService ops = app.bean("opsService", OpsService.class);
            DeadLetter kept = versioned.get(0);
            DeadLetter touched = versioned.get(1);
            ops.discard(kept.id(), "test data");
            ops.discard(touched.id(), "test data");

            RunSummary second = app.sync().run("twilio-proxy", Trigger.MANUAL);

            assertThat(second.counts().skipped()).isEqualTo(2);
            assertThat(second.counts().failed()).isEqualTo(broken - 2);
            assertThat(schema.count("SELECT COUNT(*) FROM dead_letter")).as("no letter was added").isEqualTo(letters.size());
            assertThat(schema.count("SELECT records_skipped FROM sync_run WHERE id = " + second.runId())).isEqualTo(2);
            List<DeadLetter> discarded = app.deadLetters().list(new DeadLetterFilter(null, "discarded", null, null, null, 10));
            assertThat(discarded).extracting(DeadLetter::id).containsExactlyInAnyOrder(kept.id(), touched.id());
            assertThat(discarded).allSatisfy(l -> assertThat(l.attempts()).as("seen again").isEqualTo(2));

            // A newer version of a discarded record is not covered by the discard.
            app.sandbox().twilio().touch(touched.recordId());
            RunSummary third = app.sync().run("twilio-proxy", Trigger.MANUAL);

            assertThat(third.counts().skipped()).isEqualTo(1);
            boolean stored = app.sessions().find("twilio-proxy", touched.recordId()).isPresent();
            long pendingNewer = schema.count("SELECT COUNT(*) FROM dead_letter WHERE status = 'pending' AND record_id = '"
                    + touched.recordId() + "'");
            assertThat(stored || pendingNewer == 1).as("the newer version was stored or lettered anew").isTrue();
        }
    }

    @Test
    void a_replay_by_filter_takes_every_match_unless_limited_and_a_list_says_how_many_it_shows() throws Exception {
        try (SandboxApp app = SandboxApp.start(schema, "replay-all-" + schema.name, Map.of(
                "sessionsync.sandbox.sessions-per-source", "2400",
                "sessionsync.sandbox.broken-share", "0.3",
                "sessionsync.evovoice.enabled", "false",
                "sessionsync.salesforce.target.enabled", "false"))) {
            app.sync().run("twilio-proxy", Trigger.MANUAL);
            long letters = schema.count("SELECT COUNT(*) FROM dead_letter WHERE status = 'pending'");
            assertThat(letters).as("more than a replay batch (500)").isGreaterThan(500);
            OpsService ops = app.bean("opsService", OpsService.class);

            DeadLetterFilter firstPage = new DeadLetterFilter("twilio-proxy", "pending", null, null, null, 0);
            assertThat(ops.reads().list(firstPage)).hasSize(DeadLetterFilter.DEFAULT_LIMIT);
            assertThat(ops.reads().count(firstPage)).isEqualTo(letters);

            var limited = ops.replay(io.sessionsync.ops.ReplaySelection.parse(Map.of("source", "twilio-proxy", "limit", "50")));
            assertThat(limited.letters()).hasSize(50);

            var all = ops.replay(io.sessionsync.ops.ReplaySelection.parse(Map.of("source", "twilio-proxy")));
            assertThat(all.letters()).as("every match, not a first page").hasSize((int) letters);
            assertThat(all.runs()).hasSizeGreaterThanOrEqualTo(2);
            // The broken records fail again: every letter was tried once more by the unlimited replay.
            assertThat(schema.count("SELECT COUNT(*) FROM dead_letter WHERE status = 'pending' AND attempts < 2")).isZero();
        }
    }
}
