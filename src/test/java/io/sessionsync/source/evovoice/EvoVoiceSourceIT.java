package io.sessionsync.source.evovoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.sandbox.EvoSessionGenerator;
import io.sessionsync.sandbox.EvoVoiceSimulator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real route file (routes/source-evovoice.yaml) and fetcher, through a real CamelContext and camel-http,
 * against the Evo Voice simulator.
 */
class EvoVoiceSourceIT {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final String USER = "sync-user";
    static final String PASSWORD = "pw-canary-93b1";
    static final List<String> ALL_ACCOUNTS = List.of("acc-1", "acc-2", "acc-3");
    static final List<String> OUR_ACCOUNTS = List.of("acc-1", "acc-2");
    static final RetryPolicy QUICK_RETRY = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2.0);

    final EvoSessionGenerator gen = new EvoSessionGenerator(42, 300, ALL_ACCOUNTS, CLOCK, Duration.ofDays(30), 0.05);
    final ObjectMapper json = new ObjectMapper();
    EvoVoiceSimulator sim;
    CamelContext camel;
    ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        sim = new EvoVoiceSimulator(gen, CLOCK, USER, PASSWORD);
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (template != null) template.close();
        if (camel != null) camel.close();
        if (sim != null) sim.close();
    }

    EvoVoiceSource source(EvoVoiceSettings settings, RetryPolicy retry) {
        return new EvoVoiceSource(settings, template, retry);
    }

    /** One run's read through the route file, as a run does it. */
    void read(EvoVoiceSettings settings, RetryPolicy retry, RecordingSyncContext ctx) throws Exception {
        EvoVoiceRoutes.read(settings, retry, CLOCK, ctx);
    }

    EvoVoiceSettings settings() {
        return EvoVoiceSettings.basic(sim.baseUrl(), USER, PASSWORD, OUR_ACCOUNTS).withCountPerPage(7);
    }

    /** Indexes the simulator should list for our accounts, created on or after {@code from}'s day. */
    Set<Integer> expected(LocalDate from) {
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        return IntStream.range(0, gen.count())
                .filter(i -> OUR_ACCOUNTS.contains(gen.accountId(i)) && !gen.created(i).isBefore(start))
                .boxed().collect(Collectors.toSet());
    }

    @Test
    void should_page_through_archive_then_live_and_advance_the_checkpoint_to_the_newest_version() throws Exception {
        var ctx = new RecordingSyncContext(null, null);
        read(settings().withSearchArchive(true), QUICK_RETRY, ctx);

        Set<Integer> expected = expected(LocalDate.of(2026, 10, 26)); // 30 days before the clock's day
        List<RawRecord> got = ctx.records();
        assertThat(got).hasSize(expected.size());
        assertThat(ctx.pages.size()).isGreaterThan(10);
        assertThat(ctx.pages).allSatisfy(p -> assertThat(p).hasSizeBetween(1, 7));
        assertThat(got.stream().map(RawRecord::id).filter(Objects::nonNull).collect(Collectors.toSet()))
                .isEqualTo(expected.stream().filter(i -> gen.session(i, null, false).has("id")).map(gen::id).collect(Collectors.toSet()));
        assertThat(got).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("evovoice");
            assertThat(r.object()).isEqualTo("Session");
            assertThat(json.readTree(r.json()).get("accountId").asText()).isIn(OUR_ACCOUNTS);
        });
        // broken sessions travel on with a null id or version, for the pipeline to dead-letter
        assertThat(got.stream().filter(r -> r.id() == null || r.version() == null)).isNotEmpty();

        Instant newest = got.stream().map(RawRecord::version).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(ctx.checkpoint("Session")).contains(newest);
        assertThat(ctx.saves("Session")).extracting(RecordingSyncContext.Save::watermark).isSorted().doesNotHaveDuplicates();
        assertThat(ctx.saves("Session")).allSatisfy(s -> assertThat(s.pagesAcceptedBefore()).isPositive());
        // The backfill is done: later runs re-read the trailing changes from the newest version it read.
        assertThat(ctx.saves.get(0)).isEqualTo(new RecordingSyncContext.Save(EvoVoiceSource.BACKFILL_START, CLOCK.instant(), 0));
        assertThat(ctx.checkpoint(EvoVoiceSource.TRAILING)).contains(newest);
        assertThat(sim.receivedQueries()).anyMatch(q -> q.contains("SearchArchive=true"))
                .anyMatch(q -> !q.contains("SearchArchive"));
    }

    @Test
    void should_read_a_window_of_creation_days_from_since_with_the_documented_query() throws Exception {
        var ctx = new RecordingSyncContext(null, Instant.parse("2026-11-20T00:30:00Z"));
        read(settings(), QUICK_RETRY, ctx);

        assertThat(sim.receivedQueries()).isNotEmpty().allSatisfy(q -> assertThat(q)
                .startsWith("/sessions?")
                .contains("AccountIds=acc-1%2Cacc-2", "StartDate=2026-11-20", "EndDate=2026-11-26",
                        "SortField=dateLastModified", "SortOrder=Ascend", "SimplifiedPaging=true", "CountPerPage=7")
                .doesNotContain("SearchArchive"));
        assertThat(sim.receivedQueries().get(0)).contains("Page=0");
        assertThat(sim.receivedQueries().get(1)).contains("Page=1");
        assertThat(ctx.records()).hasSize(expected(LocalDate.of(2026, 11, 20)).size()).isNotEmpty();
        List<Instant> versions = ctx.records().stream().map(RawRecord::version).filter(Objects::nonNull).toList();
        assertThat(versions).isSorted(); // dateLastModified ascending across pages
    }

    @Test
    void should_resume_a_cut_short_backfill_one_day_before_its_checkpoint_and_then_trail_from_when_it_began() throws Exception {
        Instant began = Instant.parse("2026-11-24T00:00:00Z");
        var ctx = RecordingSyncContext.interruptedBackfill(Instant.parse("2026-11-20T00:30:00Z"), began);
        read(settings(), QUICK_RETRY, ctx);

        assertThat(sim.receivedQueries()).isNotEmpty().allSatisfy(q -> assertThat(q)
                .contains("StartDate=2026-11-19", "EndDate=2026-11-26", "SortOrder=Ascend"));
        assertThat(ctx.records()).hasSize(expected(LocalDate.of(2026, 11, 19)).size());
        // Sessions read before the cut may have changed since it began: the trailing re-reads start there.
        assertThat(ctx.checkpoint(EvoVoiceSource.TRAILING)).contains(began);
        assertThat(ctx.saves(EvoVoiceSource.BACKFILL_START)).isEmpty();
    }

    @Test
    void should_re_read_the_changes_since_the_checkpoint_newest_first_in_live_and_archive_and_stop_past_it() throws Exception {
        Instant checkpoint = gen.lastModified(250);
        Instant stopAt = checkpoint.minus(EvoVoiceSource.TRAILING_OVERLAP);
        var ctx = new RecordingSyncContext(checkpoint, null);
        read(settings(), QUICK_RETRY, ctx);

        List<String> queries = sim.receivedQueries();
        assertThat(queries).allSatisfy(q -> assertThat(q).contains("AccountIds=acc-1%2Cacc-2",
                "SortField=dateLastModified", "SortOrder=Descend", "SimplifiedPaging=true", "CountPerPage=7")
                .doesNotContain("StartDate", "EndDate"));
        assertThat(queries.get(queries.size() - 1)).contains("SearchArchive=true", "Page=0");
        assertThat(queries.subList(0, queries.size() - 1)).allSatisfy(q -> assertThat(q).doesNotContain("SearchArchive"));
        // Every session of ours changed since the checkpoint (minus the overlap) came, newest first ...
        Set<String> changedSince = IntStream.range(0, gen.count())
                .filter(i -> OUR_ACCOUNTS.contains(gen.accountId(i)) && !gen.lastModified(i).isBefore(stopAt))
                .filter(i -> !gen.broken(i)).mapToObj(gen::id).collect(Collectors.toSet());
        assertThat(changedSince).hasSizeGreaterThan(7);
        assertThat(ctx.records().stream().filter(r -> r.id() != null && r.version() != null).map(RawRecord::id)
                .collect(Collectors.toSet())).isEqualTo(changedSince);
        List<Instant> versions = ctx.records().stream().map(RawRecord::version).filter(Objects::nonNull).toList();
        assertThat(versions).isSortedAccordingTo(Comparator.reverseOrder()).allSatisfy(v -> assertThat(v).isAfterOrEqualTo(stopAt));
        // ... and the listing was not read further than the page that passed the stop point.
        long listedSince = IntStream.range(0, gen.count())
                .filter(i -> OUR_ACCOUNTS.contains(gen.accountId(i)) && !gen.lastModified(i).isBefore(stopAt)).count();
        long livePages = listedSince / 7 + 1; // the last one holds the first session older than the stop point
        assertThat(queries).hasSize((int) livePages + 1);
        assertThat(ctx.saves(EvoVoiceSource.TRAILING)).singleElement().satisfies(s -> assertThat(s.watermark()).isEqualTo(versions.get(0)));
        assertThat(ctx.checkpoint("Session")).contains(versions.get(0));
    }

    @Test
    void should_re_read_from_a_checkpoint_an_operator_set_back() throws Exception {
        Instant resetTo = gen.lastModified(270);
        var ctx = RecordingSyncContext.afterCheckpointReset(gen.newestLastModified(), resetTo);
        read(settings(), QUICK_RETRY, ctx);

        Set<String> since = IntStream.range(270, gen.count())
                .filter(i -> OUR_ACCOUNTS.contains(gen.accountId(i)) && !gen.broken(i)).mapToObj(gen::id)
                .collect(Collectors.toSet());
        assertThat(ctx.records().stream().map(RawRecord::id).collect(Collectors.toSet())).containsAll(since);
        assertThat(ctx.checkpoint("Session")).contains(gen.newestLastModified());
    }

    @Test
    void should_stop_when_the_call_budget_is_spent_and_keep_the_checkpoint() throws Exception {
        Instant checkpoint = gen.lastModified(200);
        var ctx = new RecordingSyncContext(checkpoint, null);
        sim.failNext(1, 503, 0); // the retry is a call too
        read(settings().withMaxCallsPerRun(3), QUICK_RETRY, ctx);

        assertThat(sim.requestCount()).isEqualTo(3);
        assertThat(ctx.pages).hasSize(2);
        assertThat(ctx.saves).isEmpty();
        assertThat(ctx.checkpoint("Session")).contains(checkpoint);
    }

    @Test
    void should_re_read_from_since_without_moving_the_checkpoint_back() throws Exception {
        Instant newest = gen.newestLastModified();
        var ctx = new RecordingSyncContext(newest, Instant.parse("2026-11-18T05:00:00Z"));
        read(settings(), QUICK_RETRY, ctx);

        assertThat(sim.receivedQueries().get(0)).contains("StartDate=2026-11-18");
        assertThat(ctx.records()).hasSize(expected(LocalDate.of(2026, 11, 18)).size());
        assertThat(ctx.saves).isEmpty();
        assertThat(ctx.checkpoint("Session")).contains(newest);
    }

    @Test
    void should_read_a_touched_session_again_on_the_next_run() throws Exception {
        var ctx = new RecordingSyncContext(Instant.parse("2026-11-20T00:00:00Z"), null);
        read(settings(), QUICK_RETRY, ctx);
        Instant first = ctx.checkpoint("Session").orElseThrow();
        int index = expected(LocalDate.of(2026, 11, 22)).stream().filter(i -> !gen.broken(i)).findFirst().orElseThrow();
        assertThat(sim.touch(gen.id(index))).isTrue();

        var next = new RecordingSyncContext(first, null);
        read(settings(), QUICK_RETRY, next);

        RawRecord newest = next.records().get(0); // newest change first
        assertThat(newest.id()).isEqualTo(gen.id(index));
        assertThat(newest.version()).isAfter(first);
        assertThat(next.checkpoint("Session")).contains(newest.version());
    }

    @Test
    void should_retry_a_429_and_then_succeed() throws Exception {
        sim.failNext(1, 429, 0);
        var ctx = new RecordingSyncContext(null, Instant.parse("2026-11-23T00:00:00Z"));
        read(settings(), QUICK_RETRY, ctx);

        assertThat(ctx.records()).hasSize(expected(LocalDate.of(2026, 11, 23)).size());
        long pagesRead = sim.receivedQueries().stream().filter(q -> q.startsWith("/sessions?")).count();
        assertThat(sim.requestCount()).isEqualTo(pagesRead);
        assertThat(sim.receivedQueries().get(0)).isEqualTo(sim.receivedQueries().get(1)); // the same page asked again
    }

    @Test
    void should_keep_retry_after_and_the_servicestack_error_when_retries_run_out() {
        sim.failNext(1, 503, 7);
        var ctx = new RecordingSyncContext(null, null);
        assertThatThrownBy(() -> read(settings(), RetryPolicy.once(), ctx))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
                    assertThat(e.getMessage()).contains("Injected failure");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(ErrorClassifier.isTransient(e)).isTrue();
                });
        assertThat(ctx.pages).isEmpty();
        assertThat(ctx.saves("Session")).isEmpty();
        assertThat(ctx.saves(EvoVoiceSource.TRAILING)).isEmpty();
    }

    @Test
    void should_fail_a_401_at_once_with_a_clear_message_and_no_secret() {
        var wrong = EvoVoiceSettings.basic(sim.baseUrl(), USER, "wrong-canary-55aa", OUR_ACCOUNTS);
        var ctx = new RecordingSyncContext(null, null);
        assertThatThrownBy(() -> read(wrong, QUICK_RETRY, ctx))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("Unauthorized");
                    assertThat(ErrorClassifier.isTransient(e)).isFalse();
                })
                .hasMessageContaining("evovoice answered HTTP 401")
                .hasMessageContaining("Invalid UserName or Password")
                .hasMessageContaining("sessionsync.evovoice.username/password")
                .hasMessageNotContaining("wrong-canary-55aa");
        assertThat(sim.requestCount()).isEqualTo(1); // permanent: not retried
        assertThat(ctx.pages).isEmpty();
    }

    @Test
    void should_fetch_a_live_session_with_its_log_through_the_list() throws Exception {
        int live = liveIndexOfOurs(true);
        var found = source(settings(), QUICK_RETRY).fetch("Session", gen.id(live));

        assertThat(found).isPresent();
        assertThat(found.get().id()).isEqualTo(gen.id(live));
        assertThat(found.get().version()).isNotNull();
        JsonNode s = json.readTree(found.get().json());
        assertThat(s.get("log").size()).isPositive();
        assertThat(sim.receivedQueries()).hasSize(1);
        assertThat(sim.receivedQueries().get(0)).contains("SpecificIds=" + gen.id(live), "AccountIds=acc-1%2Cacc-2");
    }

    @Test
    void should_fetch_an_archived_session_from_the_archive_and_report_unknown_ones_empty() throws Exception {
        int archived = liveIndexOfOurs(false);
        var src = source(settings(), QUICK_RETRY);

        var found = src.fetch("Session", gen.id(archived));
        assertThat(found).map(RawRecord::id).contains(gen.id(archived));
        assertThat(sim.receivedQueries()).hasSize(2);
        assertThat(sim.receivedQueries().get(1)).contains("SearchArchive=true");

        assertThat(src.fetch("Session", "00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThatThrownBy(() -> src.fetch("Call", "x")).hasMessageContaining("only Session");
    }

    @Test
    void should_stop_with_a_clear_error_when_the_server_ignores_page() throws Exception {
        // A proxy that drops the query would answer page 0 forever; the run must not loop.
        var stuck = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("{\"items\":[" + gen.session(299, null, true) + "],\"hasMorePages\":true}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        stuck.createContext("/", ex -> {
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        stuck.start();
        try {
            var settings = EvoVoiceSettings.basic("http://127.0.0.1:" + stuck.getAddress().getPort(), USER, PASSWORD, OUR_ACCOUNTS);
            var ctx = new RecordingSyncContext(null, null);
            assertThatThrownBy(() -> read(settings, QUICK_RETRY, ctx))
                    .hasMessageContaining("page 1 with the same first session")
                    .hasMessageContaining("Page parameter");
            assertThat(ctx.pages).hasSize(1);
        } finally {
            stuck.stop(0);
        }
    }

    @Test
    void should_send_a_password_with_uri_characters_byte_exact() throws Exception {
        String password = "p&w+d)&x%20#=?";
        try (var strict = new EvoVoiceSimulator(gen, CLOCK, USER, password)) {
            var ctx = new RecordingSyncContext(null, Instant.parse("2026-11-24T00:00:00Z"));
            read(EvoVoiceSettings.basic(strict.baseUrl(), USER, password, OUR_ACCOUNTS), QUICK_RETRY, ctx);

            // a credential Camel or HttpClient changed on the way would be refused for good (401 is not retried)
            assertThat(ctx.records()).hasSize(expected(LocalDate.of(2026, 11, 24)).size()).isNotEmpty();
        }
    }

    @Test
    void should_send_the_bearer_token_with_every_list_request() throws Exception {
        List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            boolean first = ex.getRequestURI().getQuery().contains("Page=0");
            byte[] page = ("{\"items\":[" + gen.session(first ? 298 : 299, null, true) + "],\"hasMorePages\":" + first + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        server.start();
        try {
            var settings = new EvoVoiceSettings("http://127.0.0.1:" + server.getAddress().getPort(), EvoVoiceSettings.AuthMode.BEARER,
                    null, null, "tok-canary-6d2e", OUR_ACCOUNTS, 0, false, null, 0);
            var ctx = new RecordingSyncContext(null, Instant.parse("2026-11-24T00:00:00Z"));
            read(settings, QUICK_RETRY, ctx);

            assertThat(ctx.pages).hasSize(2);
            assertThat(authorizations).containsExactly("Bearer tok-canary-6d2e", "Bearer tok-canary-6d2e");
        } finally {
            server.stop(0);
        }
    }

    private int liveIndexOfOurs(boolean live) {
        Instant cut = CLOCK.instant().minus(Duration.ofDays(15));
        return IntStream.range(0, gen.count())
                .filter(i -> OUR_ACCOUNTS.contains(gen.accountId(i)) && !gen.broken(i))
                .filter(i -> gen.created(i).isBefore(cut) != live)
                .findFirst().orElseThrow();
    }
}
