package io.sessionsync.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.sandbox.PubSubSimulator;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.testing.PrometheusScrape;
import io.sessionsync.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subscription end to end: camel-salesforce's pubSubSubscribe consumer against the Pub/Sub API
 * simulator, records fetched by id from the Salesforce simulator, written to PostgreSQL.
 */
class SalesforceSubscribeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MS = "MessagingSession";

    private TestPostgres pg;
    private SalesforceSimulator sf;
    private PubSubSimulator pubSub;

    @BeforeEach
    void start() throws Exception {
        pg = TestPostgres.freshSchema("subscribe");
        sf = new SalesforceSimulator(20);
        pubSub = new PubSubSimulator(sf::tokenValid);
        sf.onChange(pubSub::publish);
    }

    @AfterEach
    void stop() throws Exception {
        pubSub.close();
        sf.close();
        pg.close();
    }

    @Test
    void a_change_reaches_the_store_within_seconds_and_a_delete_becomes_deleted() throws Exception {
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            // No stored replay id: LATEST, and a poll covers the past.
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            String ms = sf.idOf(MS, 3);
            assertThat(messageCount(ms)).isNotEqualTo(77);

            sf.update(MS, ms, "EndUserMessageCount", 77);
            await().atMost(WAIT).until(() -> messageCount(ms) == 77);

            sf.delete(MS, ms);
            await().atMost(WAIT).until(() -> deleted(ms));

            String gone = sf.idOf(MS, 5);
            sf.purge(MS, gone);
            await().atMost(WAIT).until(() -> deleted(gone));
            assertThat(pg.queryLong("SELECT count(*) FROM sync_run WHERE trigger = 'subscription'")).isGreaterThanOrEqualTo(3);
            assertThat(storedReplayId()).isEqualTo(PubSubSimulator.replayIdOf(pubSub.published()));
        }
    }

    @Test
    void the_metrics_scrape_carries_events_ids_lag_starts_and_resync_polls_per_channel() throws Exception {
        String ch = "channel=\"/data/ChangeEvents\"";
        String a = sf.idOf(MS, 12);
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            PrometheusScrape before = PrometheusScrape.of(service.port);
            assertThat(before.valueOr("sessionsync_subscription_events_total", ch)).isZero();
            assertThat(before.valueOr("sessionsync_subscription_active", ch)).isEqualTo(1);
            assertThat(before.valueOr("sessionsync_subscription_starts_total", ch, "from=\"latest\"")).isEqualTo(1);
            assertThat(before.valueOr("sessionsync_subscription_resync_polls_total", ch)).isEqualTo(1);

            sf.update(MS, a, "EndUserMessageCount", 64);
            sf.update(MS, sf.idOf(MS, 13), "EndUserMessageCount", 65);
            await().atMost(WAIT).until(() -> messageCount(a) == 64 && messageCount(sf.idOf(MS, 13)) == 65);
            await().atMost(WAIT).untilAsserted(() -> {
                PrometheusScrape after = PrometheusScrape.of(service.port);
                assertThat(after.valueOr("sessionsync_subscription_events_total", ch)).isEqualTo(2);
                assertThat(after.valueOr("sessionsync_subscription_ids_fetched_total", ch)).isEqualTo(2);
                assertThat(after.valueOr("sessionsync_subscription_lag_seconds_count", ch)).isEqualTo(2);
                assertThat(after.valueOr("sessionsync_subscription_lag_seconds_max", ch)).isPositive().isLessThan(WAIT.toSeconds());
            });
        }
        // A restart resumes after the stored replay id: counted as such, and no resync poll.
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> "up".equals(service.status().state()));
            PrometheusScrape restarted = PrometheusScrape.of(service.port);
            assertThat(restarted.valueOr("sessionsync_subscription_starts_total", ch, "from=\"replay_id\"")).isEqualTo(1);
            assertThat(restarted.valueOr("sessionsync_subscription_starts_total", ch, "from=\"latest\"")).isZero();
            assertThat(restarted.valueOr("sessionsync_subscription_resync_polls_total", ch)).isZero();
        }
    }

    @Test
    void the_services_own_engagement_interactions_do_not_come_back() throws Exception {
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            String own = sf.idOf("EngagementInteraction", 4); // ExternalIdentifier session-sync:... (written by us)
            sf.update("EngagementInteraction", own, "Sentiment", "Negative");
            String ms = sf.idOf(MS, 2);
            sf.update(MS, ms, "EndUserMessageCount", 55);
            await().atMost(WAIT).until(() -> messageCount(ms) == 55);
            assertThat(pg.queryLong("SELECT count(*) FROM session WHERE source = 'salesforce' AND source_id = ?", own)).isZero();
            assertThat(service.status().idsFetched()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_restart_resumes_after_the_stored_replay_id_and_misses_nothing() throws Exception {
        String a = sf.idOf(MS, 6), b = sf.idOf(MS, 7);
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            sf.update(MS, a, "EndUserMessageCount", 61);
            await().atMost(WAIT).until(() -> messageCount(a) == 61);
        }
        long runsBefore = pg.queryLong("SELECT count(*) FROM sync_run");
        // Changes while the service is down: only the stream can bring them (no poll runs on this start).
        sf.update(MS, a, "EndUserMessageCount", 62);
        sf.update(MS, b, "EndUserMessageCount", 63);
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> messageCount(a) == 62 && messageCount(b) == 63);
            assertThat(service.status().resyncPolls()).isZero();
            assertThat(pg.queryLong("SELECT count(*) FROM sync_run WHERE id > ? AND trigger <> 'subscription'", runsBefore)).isZero();
            await().atMost(WAIT).until(() -> PubSubSimulator.replayIdOf(pubSub.published()).equals(storedReplayId()));
        }
    }

    @Test
    void gap_and_overflow_events_resync_and_miss_nothing() throws Exception {
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            // The changes happen without their own events (the org could not build them); a gap event names the ids.
            String a = sf.idOf(MS, 8);
            sf.onChange(c -> { });
            sf.update(MS, a, "EndUserMessageCount", 71);
            sf.onChange(pubSub::publish);
            pubSub.publishGap(MS, List.of(a));
            await().atMost(WAIT).until(() -> messageCount(a) == 71);

            // An overflow names no ids: a poll from the checkpoint re-reads the window.
            String b = sf.idOf(MS, 9);
            sf.onChange(c -> { });
            sf.update(MS, b, "EndUserMessageCount", 72);
            sf.onChange(pubSub::publish);
            long polls = service.status().resyncPolls();
            pubSub.publishOverflow(MS);
            await().atMost(WAIT).until(() -> messageCount(b) == 72 && service.status().resyncPolls() > polls);
            await().atMost(WAIT).until(() -> PubSubSimulator.replayIdOf(pubSub.published()).equals(storedReplayId()));
        }
    }

    @Test
    void an_expired_replay_id_restarts_at_latest_and_polls_with_a_warning() throws Exception {
        String a = sf.idOf(MS, 10);
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            sf.update(MS, a, "EndUserMessageCount", 81);
            await().atMost(WAIT).until(() -> messageCount(a) == 81);
        }
        sf.update(MS, a, "EndUserMessageCount", 82);
        pubSub.expireRetained(); // the stored replay id, and the event of this change, are past retention
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> messageCount(a) == 82 && service.status().resyncPolls() >= 1);
            assertThat(service.status().restarts()).isEqualTo(1);
            // And the stream works again, from LATEST.
            sf.update(MS, a, "EndUserMessageCount", 83);
            await().atMost(WAIT).until(() -> messageCount(a) == 83);
        }
    }

    @Test
    void a_stream_that_drops_again_and_again_reconnects_and_loses_nothing() throws Exception {
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of())) {
            await().atMost(WAIT).until(() -> service.status().resyncPolls() >= 1 && "up".equals(service.status().state()));
            // A first event stored: from now on every resubscribe, even after a refused attempt, resumes after it.
            String first = sf.idOf(MS, 15);
            sf.update(MS, first, "EndUserMessageCount", 89);
            await().atMost(WAIT).until(() -> messageCount(first) == 89);
            int calls = pubSub.subscribeCalls();
            for (int i = 0; i < 3; i++) {
                await().atMost(WAIT).until(() -> pubSub.openStreams() == 1);
                pubSub.refuseNextSubscribes(2);
                pubSub.dropStreams();
                sf.update(MS, sf.idOf(MS, 11 + i), "EndUserMessageCount", 90 + i);
            }
            for (int i = 0; i < 3; i++) {
                int n = i;
                await().atMost(WAIT).until(() -> messageCount(sf.idOf(MS, 11 + n)) == 90 + n);
            }
            assertThat(pubSub.subscribeCalls() - calls).isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void a_channel_that_cannot_subscribe_for_longer_than_the_setting_turns_health_degraded_with_its_name() throws Exception {
        try (SubscribedService service = SubscribedService.start(pg, sf, pubSub, Map.of(
                "sessionsync.salesforce.client-secret", "not-the-secret", "sessionsync.salesforce.subscribe.down-after", "PT1S"))) {
            var check = service.camel().getRegistry().lookupByNameAndType("subscriptionHealthCheck", SubscriptionHealthCheck.class);
            await().atMost(WAIT).until(() -> check.call().getState() == HealthCheck.State.DOWN);
            assertThat(check.call().getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("DEGRADED").contains("/data/ChangeEvents"));
            assertThat(check.call().getDetails()).containsEntry("health", "DEGRADED");
        }
    }

    private long messageCount(String id) throws Exception {
        return pg.queryLong("SELECT coalesce(max(customer_message_count), -1) FROM session WHERE source = 'salesforce' AND source_id = ?", id);
    }

    private boolean deleted(String id) throws Exception {
        return pg.queryLong("SELECT count(*) FROM session WHERE source = 'salesforce' AND source_id = ? AND deleted", id) == 1;
    }

    private String storedReplayId() throws Exception {
        try (var c = pg.connect(); var ps = c.prepareStatement("SELECT replay_id FROM subscription_replay")) {
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
