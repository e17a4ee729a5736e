package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.cluster.PostgresAdvisoryRunLock;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.ops.OpsService;
import io.sessionsync.ops.ReplayReport;
import io.sessionsync.ops.ReplaySelection;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.Trigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replays of one source hold its run lock like every run: concurrent replays never overlap, so each
 * letter is tried once per replay that ran, never once per replay asked for at the same time (three
 * concurrent replays used to send every letter three times: attempts 51 = 3 x 17). While a run of the
 * source holds the lock, here or on another instance, a replay does nothing and says why.
 */
class ReplayConcurrencyIT extends WithPgSchema {
    @Test
    void concurrent_replays_of_one_source_never_overlap_and_wait_for_a_run_holding_the_lock() throws Exception {
        try (SandboxApp app = SandboxApp.start(schema, "replay-" + schema.name, Map.of(
                "sessionsync.sandbox.sessions-per-source", "600",
                "sessionsync.sandbox.broken-share", "0.05",
                "sessionsync.evovoice.enabled", "false",
                "sessionsync.salesforce.target.enabled", "false"))) {
            assertThat(app.sync().run("twilio-proxy", Trigger.MANUAL).succeeded()).isTrue();
            long letters = schema.count("SELECT COUNT(*) FROM dead_letter WHERE status = 'pending'");
            assertThat(letters).isPositive();
            OpsService ops = app.bean("opsService", OpsService.class);

            // Another instance's run holds the lock: the replay processes nothing and says why.
            RunLock other = new PostgresAdvisoryRunLock(schema.url(), PgSchema.USER, "");
            try (RunLock.Held held = other.tryAcquire("twilio-proxy").orElseThrow()) {
                ReplayReport blocked = ops.replay(ReplaySelection.allPending());
                assertThat(blocked.runs()).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(RunSummary.SKIPPED);
                    assertThat(r.error()).contains("another instance");
                });
                assertThat(blocked.replayed()).isZero();
            }
            assertThat(schema.count("SELECT SUM(attempts) FROM dead_letter")).as("no letter was tried").isEqualTo(letters);

            // Three at once.
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<ReplayReport>> replays = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replays.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ops.replay(ReplaySelection.allPending());
                }));
            }
            go.countDown();
            long ran = 0;
            for (CompletableFuture<ReplayReport> r : replays) {
                RunSummary run = r.get(2, TimeUnit.MINUTES).runs().get(0);
                if (!RunSummary.SKIPPED.equals(run.status())) ran++;
            }
            assertThat(ran).isBetween(1L, 3L);
            // The broken records fail again: each letter was tried once per replay that ran, no more.
            assertThat(schema.count("SELECT SUM(attempts) FROM dead_letter")).isEqualTo(letters * (1 + ran));
            assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE trigger = 'replay'")).isEqualTo(ran);
            assertThat(replayRunsOverlap()).as("recorded replay runs overlap").isFalse();
        }
    }

    private boolean replayRunsOverlap() throws Exception {
        List<OffsetDateTime[]> runs = new ArrayList<>();
        try (Connection c = schema.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT started_at, finished_at FROM sync_run WHERE trigger = 'replay' ORDER BY started_at")) {
            while (rs.next()) runs.add(new OffsetDateTime[] {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)});
        }
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i)[0].isBefore(runs.get(i - 1)[1])) return true;
        }
        return false;
    }
}
