package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.StoreSettings;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops commands through the real CLI, against an embedded H2 store in a temp folder. */
class OpsCommandsTest {
    @TempDir Path dir;
    Path config;
    String url;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void config() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        config = dir.resolve("test.properties");
        Files.writeString(config, "sessionsync.store.url = " + url + "\nsessionsync.store.user = sa\n");
    }

    private int run(String... args) {
        return Cli.runWithConfig(out, err, config, args);
    }

    /** The store as `sync` or `run` leaves it, before anything was synced: read-only commands never migrate it themselves. */
    private void migratedStore() {
        Database.open(new StoreSettings(url, "sa", "", 2)).close();
    }

    @Test
    void a_bad_argument_exits_2_with_the_reason_before_anything_starts() {
        assertThat(run("dead-letters", "list", "--status", "lost")).isEqualTo(2);
        assertThat(err.toString()).contains("status must be one of pending, replayed, discarded");
        assertThat(run("runs", "--limit", "0")).isEqualTo(2);
        assertThat(run("dead-letters", "replay")).isEqualTo(2);
        assertThat(err.toString()).contains("say which dead letters to replay");
        assertThat(run("resync", "evovoice", "--since", "soon")).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("store.mv.db"))).as("no store was opened").isFalse();
    }

    @Test
    void letters_are_listed_shown_and_discarded_and_runs_listed() {
        long id;
        try (Database db = Database.open(new StoreSettings(url, "sa", "", 2))) {
            id = new DeadLetterStore(db).record(new RawRecord("twilio-proxy", "Session", "KC1", null, "{\"sid\":\"KC1\"}"),
                    "mapping", "RecordMappingException", null, "the record has no version");
        }
        assertThat(run("dead-letters", "list", "--source", "twilio-proxy")).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("KC1").contains("the record has no version").contains("1 dead letters");

        assertThat(run("dead-letters", "show", Long.toString(id))).isEqualTo(0);
        assertThat(out.toString()).contains("\"payload\" : \"{\\\"sid\\\":\\\"KC1\\\"}\"");

        assertThat(run("dead-letters", "show", "999")).isEqualTo(1);
        assertThat(err.toString()).contains("no dead letter 999");

        assertThat(run("dead-letters", "discard", Long.toString(id), "--reason", "test record")).isEqualTo(0);
        assertThat(out.toString()).contains("discarded: test record");
        assertThat(run("dead-letters", "list", "--status", "discarded")).isEqualTo(0);
        assertThat(out.toString()).contains("discarded");

        assertThat(run("runs")).isEqualTo(0);
        assertThat(out.toString()).contains("no runs yet");
    }

    @Test
    void a_list_says_how_many_it_shows_of_how_many_and_an_empty_one_says_so() {
        migratedStore();
        assertThat(run("dead-letters", "list")).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("no dead letters match");
        try (Database db = Database.open(new StoreSettings(url, "sa", "", 2))) {
            DeadLetterStore letters = new DeadLetterStore(db);
            for (int i = 0; i < 223; i++) {
                letters.record(new RawRecord("twilio-proxy", "Session", "KC" + i, null, "{}"), "mapping", "E", null, "m");
            }
        }
        assertThat(run("dead-letters", "list")).isEqualTo(0);
        assertThat(out.toString()).contains("showing 100 of 223 dead letters");
        assertThat(run("dead-letters", "list", "--limit", "500")).isEqualTo(0);
        assertThat(out.toString()).contains("223 dead letters");
        assertThat(run("dead-letters", "list", "--help")).isEqualTo(0);
        assertThat(out.toString()).contains("list: default 100").contains("replay: default every match");
    }

    @Test
    void an_empty_runs_list_says_so() {
        migratedStore();
        assertThat(run("runs")).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("no runs yet").doesNotContain("trigger");
    }

    @Test
    void runs_and_dead_letters_list_print_json_with_json() throws Exception {
        try (Database db = Database.open(new StoreSettings(url, "sa", "", 2))) {
            RunStore runs = new RunStore(db);
            long id = runs.start("evovoice", Trigger.MANUAL);
            runs.finish(id, new RunCounts(7, 5, 1, 1, 0), RunStore.SUCCEEDED, null);
            new DeadLetterStore(db).record(new RawRecord("evovoice", "Session", "S-9", null, "{\"secret\":\"payload\"}"),
                    "mapping", "RecordMappingException", null, "no end time");
        }
        assertThat(run("runs", "--json")).as(err.toString()).isEqualTo(0);
        JsonNode runsJson = io.sessionsync.json.Json.mapper().readTree(out.toString());
        assertThat(runsJson.at("/runs/0/source").asText()).isEqualTo("evovoice");
        assertThat(runsJson.at("/runs/0/counts/written").asLong()).isEqualTo(5);
        assertThat(runsJson.at("/runs/0/tookMs").isNumber()).isTrue();

        out.getBuffer().setLength(0);
        assertThat(run("dead-letters", "list", "--json")).as(err.toString()).isEqualTo(0);
        JsonNode letters = io.sessionsync.json.Json.mapper().readTree(out.toString());
        assertThat(letters.get("total").asLong()).isEqualTo(1);
        assertThat(letters.at("/deadLetters/0/recordId").asText()).isEqualTo("S-9");
        assertThat(letters.at("/deadLetters/0/message").asText()).isEqualTo("no end time");
        assertThat(out.toString()).as("payloads stay out of lists").doesNotContain("payload");
    }
}
