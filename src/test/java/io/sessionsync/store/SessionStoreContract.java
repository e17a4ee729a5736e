package io.sessionsync.store;

import static io.sessionsync.store.Sessions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.SessionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What SessionStore guarantees, run against each database (see the H2 and PostgreSQL subclasses). */
abstract class SessionStoreContract {
    protected Database db;
    protected SessionStore store;

    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openDatabase();
        store = new SessionStore(db);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @Test
    void a_fully_populated_session_reads_back_equal() {
        CanonicalSession full = Sessions.full("KC1", T0);

        UpsertResult result = store.upsert(List.of(full));

        assertThat(result.written()).containsExactly(full);
        assertThat(result.unchanged()).isZero();
        assertThat(store.find("twilio-proxy", "KC1")).contains(full);
    }

    @Test
    void every_session_is_stored_with_its_customer_key_phone_else_email_else_contact_id() throws SQLException {
        CanonicalSession byPhone = Sessions.sparse("P", T0).toBuilder().customerPhone("+14155550101")
                .customerEmail("Ann@Example.com").contactId("003P").build();
        CanonicalSession byEmail = Sessions.sparse("E", T0).toBuilder().customerEmail(" Ann@Example.com").contactId("003E").build();
        CanonicalSession byContact = Sessions.sparse("C", T0).toBuilder().contactId("003C").build();
        CanonicalSession rawPhoneOnly = Sessions.sparse("R", T0).toBuilder().customerPhone("(415) 555-0101").build();

        store.upsert(List.of(byPhone, byEmail, byContact, rawPhoneOnly));

        assertThat(customerKeys()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "P", "+14155550101", "E", "ann@example.com", "C", "evo-voice:003C", "R", "(none)"));
        assertThat(store.find("evo-voice", "P").orElseThrow()).isEqualTo(byPhone);
    }

    @Test
    void the_customer_view_links_one_person_across_sources() throws SQLException {
        String phone = "+14155550102";
        store.upsert(List.of(
                Sessions.sparse("KC1", T0).toBuilder().source("twilio-proxy").customerPhone(phone).startedAt(T0.minusSeconds(300)).build(),
                Sessions.sparse("EV1", T0).toBuilder().source("evovoice").customerPhone(phone).startedAt(T0.minusSeconds(200)).build(),
                Sessions.sparse("0Mw1", T0).toBuilder().source("salesforce").customerPhone(phone).contactId("003X")
                        .startedAt(T0.minusSeconds(100)).build(),
                Sessions.sparse("EV2", T0).toBuilder().source("evovoice").customerPhone("+14155550199").build()));

        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT session_count, source_count, sources, contact_ids FROM customer WHERE customer_key = ?")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("session_count")).isEqualTo(3);
                assertThat(rs.getInt("source_count")).isEqualTo(3);
                assertThat(rs.getString("sources")).isEqualTo("evovoice,salesforce,twilio-proxy");
                assertThat(rs.getString("contact_ids")).isEqualTo("003X");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private Map<String, String> customerKeys() throws SQLException {
        Map<String, String> keys = new java.util.HashMap<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_id, customer_key FROM session");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) keys.put(rs.getString(1), rs.getString(2) == null ? "(none)" : rs.getString(2));
        }
        return keys;
    }

    @Test
    void a_sparse_session_reads_back_equal_with_defaults() {
        CanonicalSession sparse = Sessions.sparse("S1", T0);

        store.upsert(List.of(sparse));

        assertThat(store.find("evo-voice", "S1")).contains(sparse);
        assertThat(store.find("evo-voice", "S1").orElseThrow().status()).isEqualTo(SessionStatus.UNKNOWN);
        assertThat(store.find("evo-voice", "missing")).isEmpty();
    }

    @Test
    void instants_keep_microseconds() {
        Instant micro = Instant.parse("2026-01-02T03:04:05.678901Z");
        store.upsert(List.of(Sessions.sparse("S1", micro)));

        assertThat(store.find("evo-voice", "S1").orElseThrow().sourceUpdatedAt()).isEqualTo(micro);
        assertThat(store.storedVersions("evo-voice", List.of("S1", "S2"))).isEqualTo(Map.of("S1", micro));
    }

    @Test
    void the_same_batch_twice_writes_nothing_the_second_time() throws SQLException {
        List<CanonicalSession> batch = List.of(Sessions.full("KC1", T0), Sessions.full("KC2", T0), Sessions.sparse("S1", T0));
        store.upsert(batch);
        Map<String, Instant> syncedBefore = syncedAt();

        UpsertResult again = store.upsert(batch);

        assertThat(again.written()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(syncedAt()).isEqualTo(syncedBefore);
        assertThat(store.find("twilio-proxy", "KC1")).contains(batch.get(0));
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.count("twilio-proxy")).isEqualTo(2);
    }

    @Test
    void a_newer_version_replaces_an_older_one() {
        CanonicalSession older = Sessions.full("KC1", T0);
        CanonicalSession newer = older.toBuilder().sourceUpdatedAt(T0.plusMillis(1)).status(SessionStatus.ACTIVE).build();

        store.upsert(List.of(older));
        UpsertResult result = store.upsert(List.of(newer));

        assertThat(result.written()).containsExactly(newer);
        assertThat(store.find("twilio-proxy", "KC1")).contains(newer);
    }

    @Test
    void an_older_version_never_replaces_a_newer_one() {
        CanonicalSession older = Sessions.full("KC1", T0);
        CanonicalSession newer = older.toBuilder().sourceUpdatedAt(T0.plusNanos(1000)).status(SessionStatus.ACTIVE).build();

        store.upsert(List.of(newer));
        UpsertResult result = store.upsert(List.of(older));

        assertThat(result.written()).isEmpty();
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(store.find("twilio-proxy", "KC1")).contains(newer);
    }

    @Test
    void the_same_version_with_changed_content_is_rewritten() {
        CanonicalSession first = Sessions.full("KC1", T0);
        CanonicalSession remapped = first.toBuilder().queue("Sales").attribute("extra", "x").build();

        store.upsert(List.of(first));
        UpsertResult result = store.upsert(List.of(remapped));

        assertThat(result.written()).containsExactly(remapped);
        assertThat(store.find("twilio-proxy", "KC1")).contains(remapped);
    }

    @Test
    void a_batch_with_one_key_twice_keeps_the_newest() {
        CanonicalSession v1 = Sessions.sparse("S1", T0);
        CanonicalSession v3 = v1.toBuilder().sourceUpdatedAt(T0.plusSeconds(3)).sourceStatus("v3").build();
        CanonicalSession v2 = v1.toBuilder().sourceUpdatedAt(T0.plusSeconds(2)).sourceStatus("v2").build();

        UpsertResult result = store.upsert(List.of(v1, v3, v2));

        assertThat(result.written()).containsExactly(v3);
        assertThat(result.unchanged()).isEqualTo(2);
        assertThat(store.find("evo-voice", "S1")).contains(v3);
    }

    @Test
    void a_mixed_batch_reports_exactly_the_rows_it_wrote() {
        store.upsert(List.of(Sessions.sparse("A", T0.plusSeconds(5)), Sessions.sparse("B", T0)));
        CanonicalSession newB = Sessions.sparse("B", T0.plusSeconds(1));
        CanonicalSession newC = Sessions.sparse("C", T0);

        UpsertResult result = store.upsert(List.of(Sessions.sparse("A", T0), newB, newC));

        assertThat(result.written()).containsExactlyInAnyOrder(newB, newC);
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(store.storedVersions("evo-voice", List.of("A", "B", "C")))
                .isEqualTo(Map.of("A", T0.plusSeconds(5), "B", T0.plusSeconds(1), "C", T0));
    }

    @Test
    void a_page_longer_than_one_statement_reports_each_row_it_wrote_and_queues_only_those() throws SQLException {
        // 300 rows: more than two multi-row statements (128 a statement on PostgreSQL) and a remainder.
        List<CanonicalSession> first = new ArrayList<>();
        for (int i = 0; i < 300; i++) first.add(Sessions.sparse("P" + i, T0.plusSeconds(10)));
        store.upsert(first);
        SessionStore queuing = new SessionStore(db, SessionStore.DEFAULT_BATCH_SIZE, source -> List.of("salesforce"));
        List<CanonicalSession> page = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // every third row newer, every third older, every third the same version
            Instant version = T0.plusSeconds(switch (i % 3) { case 0 -> 11; case 1 -> 9; default -> 10; });
            page.add(Sessions.sparse("P" + i, version));
            if (i % 3 == 0) expected.add("P" + i);
        }
        for (int i = 300; i < 350; i++) {
            page.add(Sessions.sparse("P" + i, T0));
            expected.add("P" + i);
        }

        UpsertResult result = queuing.upsert(page);

        assertThat(result.written()).extracting(CanonicalSession::sourceId).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.unchanged()).isEqualTo(350 - expected.size());
        assertThat(store.count()).isEqualTo(350);
        List<String> queued = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_id FROM target_delivery WHERE target = 'salesforce'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) queued.add(rs.getString(1));
        }
        assertThat(queued).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void a_session_without_version_is_refused_with_its_key_and_nothing_is_written() {
        CanonicalSession noVersion = Sessions.sparse("S9", null);

        assertThatThrownBy(() -> store.upsert(List.of(Sessions.sparse("S1", T0), noVersion)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evo-voice/S9");
        assertThat(store.count()).isZero();
    }

    @Test
    void a_page_given_with_a_batch_is_remembered_in_the_batch_s_own_transaction() {
        StoredPages.Page page = new StoredPages.Page("evo-voice", "page/0", "d1");
        store.upsert(List.of(Sessions.sparse("S1", T0)), page);
        assertThat(store.pages().holds(page)).isTrue();
        assertThat(store.pages().holds(new StoredPages.Page("evo-voice", "page/0", "other"))).isFalse();

        // a page that cannot be saved (no key) takes its batch down with it: neither is stored
        StoredPages.Page broken = new StoredPages.Page("evo-voice", null, "d2");
        assertThatThrownBy(() -> store.upsert(List.of(Sessions.sparse("S2", T0)), broken)).isInstanceOf(RuntimeException.class);
        assertThat(store.find("evo-voice", "S2")).isEmpty();
    }

    @Test
    void concurrent_writers_leave_the_highest_version_of_every_key() throws Exception {
        int keys = 8;
        int rounds = 40;
        Map<String, Instant> highest = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                long seed = 42 + w;
                writers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int r = 0; r < rounds; r++) {
                        List<CanonicalSession> batch = new ArrayList<>();
                        for (int k = 0; k < keys; k++) {
                            Instant version = T0.plusMillis(random.nextInt(200));
                            // The content names its version, so a row mixing two writes would show.
                            batch.add(Sessions.sparse("K" + k, version).toBuilder().sourceStatus(version.toString()).build());
                            highest.merge("K" + k, version, (a, b) -> a.isAfter(b) ? a : b);
                        }
                        store.upsert(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.storedVersions("evo-voice", highest.keySet())).isEqualTo(highest);
        for (String key : highest.keySet()) {
            assertThat(store.find("evo-voice", key).orElseThrow().sourceStatus()).isEqualTo(highest.get(key).toString());
        }
    }

    private Map<String, Instant> syncedAt() throws SQLException {
        Map<String, Instant> out = new java.util.HashMap<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_id, synced_at FROM session");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), Jdbc.getInstant(rs, "synced_at"));
        }
        return out;
    }
}
