package io.sessionsync.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.sandbox.PubSubSimulator;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.testing.ChildService;
import io.sessionsync.testing.PrometheusScrape;
import io.sessionsync.testing.RunningService;
import io.sessionsync.testing.TestPostgres;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription in service processes (session-sync's own {@code run} in child JVMs, no sandbox of
 * their own) sharing the Salesforce and Pub/Sub API simulators this test runs and one PostgreSQL
 * schema: two instances with one subscriber between them, and a subscriber killed with SIGKILL while
 * changes stream.
 */
class SubscriptionFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFailoverIT.class);
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MS = "MessagingSession";
    private static final String CHANNEL = "channel=\"/data/ChangeEvents\"";
    private static final int RECORDS = 20;
    private static final String LOCK_CHECK_MS = "1000";

    private TestPostgres pg;
    private SalesforceSimulator sf;
    private PubSubSimulator pubSub;
    private final List<ChildService> children = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        pg = TestPostgres.freshSchema("subscribe_failover");
        sf = new SalesforceSimulator(RECORDS);
        pubSub = new PubSubSimulator(sf::tokenValid);
        sf.onChange(pubSub::publish);
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildService c : children) if (c.isAlive()) c.process().destroyForcibly().waitFor();
        pubSub.close();
        sf.close();
        pg.close();
    }

    @Test
    void two_instances_run_one_subscriber_and_the_other_takes_over_when_it_is_killed() throws Exception {
        Instance a = instance("subscribe-two-a");
        Instance b = instance("subscribe-two-b");
        // Both up; exactly one of them subscribes, the other stands by.
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> activeOf(a) + activeOf(b) == 1
                && activeOf(a) >= 0 && activeOf(b) >= 0 && resyncPolls(a) + resyncPolls(b) >= 1);
        Instance active = activeOf(a) == 1 ? a : b;
        Instance standby = active == a ? b : a;
        String first = sf.idOf(MS, 1);
        sf.update(MS, first, "EndUserMessageCount", 101);
        await().atMost(WAIT).until(() -> messageCount(first) == 101);
        // One stream (a busy machine may catch the subscriber between a drop and its reconnect: wait for it).
        await().atMost(WAIT).until(() -> pubSub.openStreams() == 1);
        assertThat(activeOf(standby)).isZero();
        assertThat(PrometheusScrape.of(standby.port).valueOr("sessionsync_subscription_events_total", CHANNEL)).isZero();
        assertThat(active.child.log()).contains("Subscription /data/ChangeEvents: subscribed");
        assertThat(standby.child.log()).contains("another instance subscribes; standing by")
                .doesNotContain("Subscription /data/ChangeEvents: subscribed");

        // SIGKILL: its database session ends, PostgreSQL frees the advisory lock, the other takes it.
        active.child.process().destroyForcibly();
        assertThat(active.child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();
        String afterKill = sf.idOf(MS, 2);
        sf.update(MS, afterKill, "EndUserMessageCount", 102);
        // Takes over at its next lock check (lock-check-ms), resuming after the stored replay id.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> activeOf(standby) == 1);
        LOG.info("The standby instance subscribed {} ms after the kill (lock-check-ms {})",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt), LOCK_CHECK_MS);
        await().atMost(WAIT).until(() -> messageCount(afterKill) == 102);
        PrometheusScrape took = PrometheusScrape.of(standby.port);
        assertThat(took.valueOr("sessionsync_subscription_starts_total", CHANNEL, "from=\"replay_id\"")).isEqualTo(1);
        assertThat(took.valueOr("sessionsync_subscription_starts_total", CHANNEL, "from=\"latest\"")).isZero();
        assertThat(pubSub.openStreams()).isEqualTo(1);
        await().atMost(WAIT).until(() -> PubSubSimulator.replayIdOf(pubSub.published()).equals(storedReplayId()));
    }

    @Test
    void a_subscriber_killed_mid_stream_misses_nothing_and_its_replay_id_is_never_ahead_of_the_store() throws Exception {
        Map<String, Long> expected = new LinkedHashMap<>(); // per record, the count of its last change
        List<Change> changes = new ArrayList<>(); // the nth published event is changes.get(n - 1)
        Instance first = instance("subscribe-crash-1");
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> activeOf(first) == 1 && resyncPolls(first) >= 1);
        // The records the first poll stored (the simulator has some that fail their mapping: dead letters, not changes).
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) if (messageCount(sf.idOf(MS, i)) >= 0) ids.add(sf.idOf(MS, i));
        assertThat(ids).hasSizeGreaterThan(RECORDS / 2);

        AtomicBoolean changing = new AtomicBoolean(true);
        Thread changer = new Thread(() -> {
            long n = 0;
            while (changing.get()) {
                change(++n, ids, expected, changes);
                try {
                    Thread.sleep(20); // a steady stream of changes, not a condition being waited for
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "salesforce-changes");
        changer.start();
        // Mid-stream: some windows are written, more changes keep coming.
        await().atMost(WAIT).until(() -> storedReplayId() != null && eventNumber(storedReplayId()) >= 20);
        first.child.process().destroyForcibly();
        assertThat(first.child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        // What the killed process left: every event up to its stored replay id is in the store.
        long saved = eventNumber(storedReplayId());
        List<Change> upToSaved;
        synchronized (changes) {
            upToSaved = List.copyOf(changes.subList(0, (int) saved));
            LOG.info("Killed with {} events published, replay id saved at event {}", changes.size(), saved);
        }
        for (int i = 0; i < upToSaved.size(); i++) assertThat(upToSaved.get(i).event()).isEqualTo(i + 1);
        for (Change c : upToSaved) {
            assertThat(messageCount(c.id())).as("event %d (%s = %d) is before the saved replay id", c.event(), c.id(), c.count())
                    .isGreaterThanOrEqualTo(c.count());
        }
        // Changes while it is down, then a restart.
        await().atMost(WAIT).until(() -> {
            synchronized (changes) {
                return changes.size() >= upToSaved.size() + 40;
            }
        });
        Instance second = instance("subscribe-crash-2");
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> activeOf(second) == 1);
        changing.set(false);
        changer.join();

        await().atMost(WAIT).untilAsserted(() -> {
            for (Map.Entry<String, Long> e : snapshot(expected).entrySet()) {
                assertThat(messageCount(e.getKey())).as("stored count of %s", e.getKey()).isEqualTo(e.getValue());
            }
        });
        assertThat(pg.queryLong("SELECT count(*) FROM (SELECT source_id FROM session WHERE source = 'salesforce'"
                + " GROUP BY source_id HAVING count(*) > 1) d")).isZero();
        // Resumed after the stored replay id, so no poll was needed to cover the time it was down.
        assertThat(PrometheusScrape.of(second.port).valueOr("sessionsync_subscription_starts_total", CHANNEL, "from=\"replay_id\"")).isEqualTo(1);
        assertThat(resyncPolls(second)).isZero();
        await().atMost(WAIT).until(() -> PubSubSimulator.replayIdOf(pubSub.published()).equals(storedReplayId()));
    }

    private record Change(long event, String id, long count) {}

    private record Instance(ChildService child, int port) {}

    /** The nth change: the next record in turn gets a count higher than any before. */
    private void change(long n, List<String> ids, Map<String, Long> expected, List<Change> changes) {
        String id = ids.get((int) (n % ids.size()));
        long count = 1000 + n;
        synchronized (changes) {
            sf.update(MS, id, "EndUserMessageCount", count);
            changes.add(new Change(pubSub.published(), id, count));
            synchronized (expected) {
                expected.put(id, count);
            }
        }
    }

    private static Map<String, Long> snapshot(Map<String, Long> expected) {
        synchronized (expected) {
            return Map.copyOf(expected);
        }
    }

    private Instance instance(String name) throws Exception {
        Map<String, String> s = SubscribedService.settings(pg, sf, pubSub);
        int port = RunningService.freePort();
        s.put("camel.server.port", Integer.toString(port));
        s.put("sessionsync.salesforce.subscribe.lock-check-ms", LOCK_CHECK_MS);
        ChildService child = ChildService.startWithoutSandbox(name, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), s);
        children.add(child);
        return new Instance(child, port);
    }

    /** 1 or 0 from the instance's scrape; -1 while it cannot be scraped yet. */
    private static double activeOf(Instance i) {
        assertThat(i.child.isAlive()).as("instance %s is alive", i.port).isTrue();
        try {
            return PrometheusScrape.of(i.port).valueOr("sessionsync_subscription_active", CHANNEL);
        } catch (Exception notUpYet) {
            return -1;
        }
    }

    private static double resyncPolls(Instance i) throws Exception {
        return PrometheusScrape.of(i.port).valueOr("sessionsync_subscription_resync_polls_total", CHANNEL);
    }

    private long messageCount(String id) throws Exception {
        return pg.queryLong("SELECT coalesce(max(customer_message_count), -1) FROM session WHERE source = 'salesforce' AND source_id = ?", id);
    }

    private String storedReplayId() throws Exception {
        try (var c = pg.connect(); var ps = c.prepareStatement("SELECT replay_id FROM subscription_replay")) {
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The simulator's replay ids are the event's number, 8 bytes big-endian. */
    private static long eventNumber(String replayId) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(replayId)).getLong();
    }
}
