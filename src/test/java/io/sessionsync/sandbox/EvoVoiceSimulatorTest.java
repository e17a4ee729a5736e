package io.sessionsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator answers like Evo Voice: checked over plain JDK HTTP, independent of our adapter. */
class EvoVoiceSimulatorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> ACCOUNTS = List.of("acc-1", "acc-2");
    final EvoSessionGenerator gen = new EvoSessionGenerator(3, 120, ACCOUNTS, CLOCK, Duration.ofDays(30), 0.0);
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    EvoVoiceSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = new EvoVoiceSimulator(gen, CLOCK, "u", "p");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    HttpResponse<String> get(String pathAndQuery, String password) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery));
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("u:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String pathAndQuery) throws Exception {
        var r = get(pathAndQuery, "p");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    List<String> allIds(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = ok("/sessions?" + query + "&SimplifiedPaging=true&CountPerPage=9&Page=" + page);
            assertThat(body.has("totalCount")).isFalse();
            if (body.get("items").isEmpty()) return ids;
            body.get("items").forEach(s -> ids.add(s.get("id").asText()));
            if (!body.get("hasMorePages").asBoolean()) return ids;
        }
    }

    @Test
    void should_list_live_sessions_by_last_modified_once_each_with_touched_ones_last() throws Exception {
        int liveStart = gen.firstCreatedAtOrAfter(CLOCK.instant().minus(Duration.ofDays(15)));
        String early = gen.id(liveStart + 1);
        assertThat(sim.touch(early)).isTrue();
        assertThat(sim.touch("not-an-id")).isFalse();

        List<String> ids = allIds("SortField=dateLastModified&SortOrder=Ascend");
        List<String> expected = new ArrayList<>(IntStream.range(liveStart, gen.count()).mapToObj(gen::id).toList());
        expected.remove(early);
        expected.add(early);
        assertThat(ids).containsExactlyElementsOf(expected);

        List<String> desc = allIds("SortField=dateLastModified&SortOrder=Descend");
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(desc).containsExactlyElementsOf(reversed);
        assertThat(allIds("SortField=dateCreated").get(1)).isEqualTo(early); // creation order ignores the touch
    }

    @Test
    void should_keep_old_sessions_only_in_the_archive() throws Exception {
        int liveStart = gen.firstCreatedAtOrAfter(CLOCK.instant().minus(Duration.ofDays(15)));
        assertThat(liveStart).isBetween(50, 70);
        assertThat(allIds("SearchArchive=true")).containsExactlyElementsOf(IntStream.range(0, liveStart).mapToObj(gen::id).toList());

        assertThat(get("/sessions/" + gen.id(0), "p").statusCode()).isEqualTo(404);
        JsonNode live = ok("/sessions/" + gen.id(liveStart));
        assertThat(live.get("id").asText()).isEqualTo(gen.id(liveStart));
        assertThat(live.get("log").size()).isZero(); // only lists carry the log
        JsonNode listed = ok("/sessions?SpecificIds=" + gen.id(liveStart)).get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("log").size()).isPositive();
        assertThat(ok("/sessions?SpecificIds=" + gen.id(0)).get("items")).isEmpty();
        assertThat(ok("/sessions?SpecificIds=" + gen.id(0) + "&SearchArchive=true").get("items")).hasSize(1);
    }

    @Test
    void should_filter_whole_days_of_date_created_inclusive_and_accounts() throws Exception {
        JsonNode body = ok("/sessions?StartDate=2026-11-20&EndDate=2026-11-21&AccountIds=acc-2&CountPerPage=1000");
        List<JsonNode> items = new ArrayList<>();
        body.get("items").forEach(items::add);
        long expected = IntStream.range(0, gen.count()).filter(i -> gen.accountId(i).equals("acc-2"))
                .mapToObj(gen::created).filter(c -> !c.isBefore(Instant.parse("2026-11-20T00:00:00Z"))
                        && c.isBefore(Instant.parse("2026-11-22T00:00:00Z"))).count();
        assertThat(items).hasSize((int) expected).isNotEmpty()
                .allSatisfy(s -> assertThat(s.get("accountId").asText()).isEqualTo("acc-2"));
        assertThat(body.get("totalCount").asLong()).isEqualTo(expected);
        assertThat(body.get("totalPages").asLong()).isEqualTo(1);
        assertThat(body.get("hasMorePages").asBoolean()).isFalse();
    }

    @Test
    void should_answer_401_with_a_servicestack_error_body() throws Exception {
        var r = get("/sessions", "wrong");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json.readTree(r.body()).at("/responseStatus/errorCode").asText()).isEqualTo("Unauthorized");
        assertThat(get("/sessions", null).statusCode()).isEqualTo(401);
    }

    @Test
    void should_inject_failures_with_retry_after_then_recover_and_count_requests() throws Exception {
        sim.failNext(2, 429, 3);
        var first = get("/sessions", "p");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("3");
        assertThat(json.readTree(first.body()).at("/responseStatus/errorCode").asText()).isEqualTo("TooManyRequests");
        assertThat(get("/sessions", "p").statusCode()).isEqualTo(429);
        assertThat(get("/sessions", "p").statusCode()).isEqualTo(200);
        sim.setTransientFailureRate(1.0);
        assertThat(get("/sessions", "p").statusCode()).isEqualTo(503);
        assertThat(sim.requestCount()).isEqualTo(4);
    }

    @Test
    void should_serve_any_page_of_a_million_sessions_computed_by_index() throws Exception {
        var big = new EvoSessionGenerator(5, 1_000_000, ACCOUNTS, CLOCK);
        try (var million = new EvoVoiceSimulator(big, CLOCK, "u", "p")) {
            int liveStart = big.firstCreatedAtOrAfter(CLOCK.instant().minus(Duration.ofDays(15)));
            var r = http.send(HttpRequest.newBuilder(URI.create(million.baseUrl()
                            + "/sessions?SortField=dateLastModified&SimplifiedPaging=true&CountPerPage=100&Page=3000"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode items = json.readTree(r.body()).get("items");
            assertThat(items).hasSize(100);
            assertThat(items.get(0).get("id").asText()).isEqualTo(big.id(liveStart + 300_000));
            assertThat(items.get(99).get("id").asText()).isEqualTo(big.id(liveStart + 300_099));
        }
    }

    @Test
    void should_reject_bad_paging_parameters_with_400() throws Exception {
        assertThat(get("/sessions?Page=x", "p").statusCode()).isEqualTo(400);
        assertThat(get("/sessions?SortField=callSid", "p").statusCode()).isEqualTo(400);
        assertThat(get("/sessions?StartDate=yesterday", "p").statusCode()).isEqualTo(400);
    }

    @Test
    void should_churn_sessions_of_every_age_and_list_them_newest_change_first() throws Exception {
        Instant liveFrom = CLOCK.instant().minus(Duration.ofDays(15));
        List<EvoVoiceSimulator.Change> live = sim.churnLive(6);
        List<EvoVoiceSimulator.Change> archived = sim.churnArchived(2);

        assertThat(live).hasSize(6).allSatisfy(c -> assertThat(gen.created(gen.indexOf(c.id()).orElseThrow())).isAfterOrEqualTo(liveFrom));
        // one from each sixth of the live period: the oldest and the newest sixth are both hit
        assertThat(gen.created(gen.indexOf(live.get(0).id()).orElseThrow())).isBefore(liveFrom.plus(Duration.ofDays(3)));
        assertThat(gen.created(gen.indexOf(live.get(5).id()).orElseThrow())).isAfter(CLOCK.instant().minus(Duration.ofDays(3)));
        assertThat(archived).allSatisfy(c -> assertThat(gen.created(gen.indexOf(c.id()).orElseThrow())).isBefore(liveFrom));
        assertThat(live).extracting(EvoVoiceSimulator.Change::version).isSorted().doesNotHaveDuplicates();

        List<String> newestFirst = allIds("SortField=dateLastModified&SortOrder=Descend");
        List<String> changedNewestFirst = new ArrayList<>(live.stream().map(EvoVoiceSimulator.Change::id).toList());
        java.util.Collections.reverse(changedNewestFirst);
        assertThat(newestFirst.subList(0, 6)).containsExactlyElementsOf(changedNewestFirst);
        JsonNode first = ok("/sessions?SortField=dateLastModified&SortOrder=Descend&CountPerPage=1");
        assertThat(io.sessionsync.source.evovoice.EvoVoiceDates.parseOrNull(first.get("items").get(0).get("dateLastModified").asText()))
                .isEqualTo(live.get(5).version());
        assertThat(allIds("SortField=dateLastModified&SortOrder=Descend&SearchArchive=true").subList(0, 2))
                .containsExactly(archived.get(1).id(), archived.get(0).id());

        sim.setChurnPerRequest(3);
        ok("/sessions?CountPerPage=1");
        sim.setChurnPerRequest(0);
        ok("/sessions?CountPerPage=1");
        assertThat(sim.changes()).hasSize(6 + 2 + 3);
    }
}
