package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * compose.yaml, its Prometheus and Grafana files and the Dockerfile agree with each other and with the
 * code, without needing docker: what is built, what runs (sandbox by default, on the compose
 * PostgreSQL), which ports are published, where metrics are scraped, how long a stop may take.
 */
@SuppressWarnings("unchecked")
class ComposeFileTest {
    static Map<String, Object> yaml(String file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(file)));
    }

    @Test
    void the_service_runs_the_sandbox_on_the_compose_postgres_and_publishes_only_the_webhook_port() throws Exception {
        Map<String, Object> services = (Map<String, Object>) yaml("compose.yaml").get("services");
        Map<String, Object> app = (Map<String, Object>) services.get("session-sync");
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        assertThat(app.get("build")).isEqualTo(".");
        assertThat(Files.exists(Path.of("Dockerfile"))).isTrue();
        assertThat((List<String>) app.get("command")).containsExactly("--sandbox", "run");

        Map<String, String> env = (Map<String, String>) app.get("environment");
        Map<String, String> pgEnv = (Map<String, String>) postgres.get("environment");
        assertThat(env.get("SESSIONSYNC_STORE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + pgEnv.get("POSTGRES_DB"));
        assertThat(env.get("SESSIONSYNC_STORE_USER")).isEqualTo(pgEnv.get("POSTGRES_USER"));
        assertThat(env.get("SESSIONSYNC_STORE_PASSWORD")).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));

        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat((List<String>) app.get("ports")).containsExactly("8080:8080");
        assertThat(dockerfile).contains("SESSIONSYNC_MANAGEMENT_PORT=8081");
        assertThat(String.valueOf(app.get("ports"))).doesNotContain("8081");
        // A graceful stop waits for Camel's shutdown timeout (45 s by default): the container must allow it.
        assertThat(Integer.parseInt(String.valueOf(app.get("stop_grace_period")).replace("s", ""))).isGreaterThanOrEqualTo(45);
    }

    @Test
    void prometheus_scrapes_the_management_port_and_grafana_gets_the_dashboard() throws Exception {
        Map<String, Object> prometheus = yaml("deploy/prometheus.yml");
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/observe/metrics");
        List<String> targets = (List<String>) ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets");
        assertThat(targets).containsExactly("session-sync:8081");

        Map<String, Object> grafana = (Map<String, Object>) ((Map<String, Object>) yaml("compose.yaml").get("services")).get("grafana");
        for (String volume : (List<String>) grafana.get("volumes")) {
            String hostPath = volume.substring(0, volume.indexOf(':'));
            assertThat(Files.exists(Path.of(hostPath))).as(hostPath).isTrue();
        }
        Map<String, Object> datasources = yaml("deploy/grafana/provisioning/datasources/prometheus.yml");
        String uid = (String) ((List<Map<String, Object>>) datasources.get("datasources")).get(0).get("uid");
        assertThat(Files.readString(Path.of("deploy/grafana/session-sync.json"))).contains("\"uid\": \"" + uid + "\"");
    }
}
