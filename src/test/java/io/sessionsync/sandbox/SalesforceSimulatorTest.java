package io.sessionsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's wire shapes, checked with a plain HTTP client. */
class SalesforceSimulatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    SalesforceSimulator sim;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        sim = new SalesforceSimulator(5);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String token() throws Exception {
        HttpResponse<String> r = post("/services/oauth2/token", "grant_type=client_credentials&client_id="
                + SalesforceSimulator.CLIENT_ID + "&client_secret=" + SalesforceSimulator.CLIENT_SECRET);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.url() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void login_answers_like_salesforce() throws Exception {
        HttpResponse<String> ok = post("/services/oauth2/token", "grant_type=password&client_id=" + SalesforceSimulator.CLIENT_ID
                + "&client_secret=" + SalesforceSimulator.CLIENT_SECRET + "&username=" + URLEncoder.encode(SalesforceSimulator.USERNAME, StandardCharsets.UTF_8)
                + "&password=" + SalesforceSimulator.PASSWORD);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.get("instance_url").asText()).isEqualTo(sim.url());
        assertThat(body.get("id").asText()).matches(".*/id/00D\\w+/005\\w+");
        assertThat(body.has("signature") && body.has("issued_at") && body.has("token_type")).isTrue();

        HttpResponse<String> bad = post("/services/oauth2/token", "grant_type=client_credentials&client_id=x&client_secret=y");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
    }

    @Test
    void data_calls_carry_the_limit_header_and_salesforce_errors() throws Exception {
        String token = token();
        HttpResponse<String> q = send("GET", "/services/data/v62.0/query?q="
                + URLEncoder.encode("SELECT Id, Status FROM MessagingSession WHERE SystemModstamp >= 2020-01-01T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 2", StandardCharsets.UTF_8), token, null);
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(q.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1/15000");
        JsonNode page = JSON.readTree(q.body());
        assertThat(page.get("totalSize").asInt()).isEqualTo(2);
        assertThat(page.get("records").get(0).get("attributes").get("type").asText()).isEqualTo("MessagingSession");

        HttpResponse<String> badField = send("GET", "/services/data/v62.0/query?q="
                + URLEncoder.encode("SELECT Nope FROM MessagingSession", StandardCharsets.UTF_8), token, null);
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badField.body()).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");

        StringBuilder many = new StringBuilder("{\"allOrNone\":false,\"records\":[");
        for (int i = 0; i < 201; i++) many.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"EngagementInteraction\"},\"ExternalIdentifier\":\"x").append(i).append("\"}");
        HttpResponse<String> tooMany = send("PATCH", "/services/data/v62.0/composite/sobjects/EngagementInteraction/ExternalIdentifier", token, many.append("]}").toString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("EXCEEDED_ID_LIMIT");

        sim.expireSessions();
        HttpResponse<String> expired = send("GET", "/services/data/v62.0/limits", token, null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }

    static String q(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }

    @Test
    void count_query_answers_total_size_without_records() throws Exception {
        String token = token();
        sim.delete("SOSSession", sim.idOf("SOSSession", 2));
        HttpResponse<String> r = send("GET", "/services/data/v62.0/query?q="
                + q("SELECT COUNT() FROM SOSSession WHERE SystemModstamp >= 2020-01-01T00:00:00Z"), token, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("totalSize").asInt()).isEqualTo(4); // 5 generated, 1 deleted
        assertThat(body.get("done").asBoolean()).isTrue();
        assertThat(body.get("records")).isEmpty();
    }

    @Test
    void bulk_query_job_goes_through_its_states_and_pages_csv_results_by_locator() throws Exception {
        String token = token();
        String soql = "SELECT Id, SystemModstamp, IsDeleted, CaseId FROM SOSSession WHERE SystemModstamp >= 2020-01-01T00:00:00Z";
        HttpResponse<String> created = send("POST", "/services/data/v62.0/jobs/query", token,
                JSON.writeValueAsString(java.util.Map.of("operation", "query", "query", soql, "contentType", "CSV")));
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode job = JSON.readTree(created.body());
        assertThat(job.get("id").asText()).startsWith("750");
        assertThat(job.get("state").asText()).isEqualTo("UploadComplete");
        assertThat(job.get("operation").asText()).isEqualTo("query");
        assertThat(job.get("object").asText()).isEqualTo("SOSSession");
        String path = "/services/data/v62.0/jobs/query/" + job.get("id").asText();

        HttpResponse<String> early = send("GET", path + "/results", token, null);
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(send("GET", path, token, null).body()).get("state").asText()).isEqualTo("InProgress");
        JsonNode done = JSON.readTree(send("GET", path, token, null).body());
        assertThat(done.get("state").asText()).isEqualTo("JobComplete");
        assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(5);

        HttpResponse<String> page1 = send("GET", path + "/results?maxRecords=3", token, null);
        assertThat(page1.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(page1.headers().firstValue("Sforce-NumberOfRecords")).contains("3");
        String locator = page1.headers().firstValue("Sforce-Locator").orElseThrow();
        assertThat(locator).isNotEqualTo("null");
        String[] lines = page1.body().split("\n");
        assertThat(lines[0]).isEqualTo("\"Id\",\"SystemModstamp\",\"IsDeleted\",\"CaseId\"");
        assertThat(lines).hasSize(4);
        // newest-first: no ORDER BY, no promised order; the first generated record has no case
        assertThat(lines[1]).startsWith("\"" + sim.idOf("SOSSession", 5) + "\",\"2026-11-20T08:04:00.000Z\",\"false\",");

        HttpResponse<String> page2 = send("GET", path + "/results?maxRecords=3&locator=" + locator, token, null);
        assertThat(page2.headers().firstValue("Sforce-NumberOfRecords")).contains("2");
        assertThat(page2.headers().firstValue("Sforce-Locator")).contains("null");
        assertThat(page2.body().split("\n")).hasSize(3).endsWith("\"" + sim.idOf("SOSSession", 1) + "\",\"2026-11-20T08:00:00.000Z\",\"false\",");
        assertThat(sim.calls("bulkCreate")).isEqualTo(1);
        assertThat(sim.calls("bulkJob")).isEqualTo(2);
        assertThat(sim.calls("bulkResults")).isEqualTo(3);
    }

    @Test
    void bulk_query_job_can_be_made_to_fail_and_refuses_aggregates() throws Exception {
        String token = token();
        sim.failNextBulkJob("Query timed out");
        JsonNode job = JSON.readTree(send("POST", "/services/data/v62.0/jobs/query", token,
                "{\"operation\":\"queryAll\",\"query\":\"SELECT Id FROM SOSSession\",\"contentType\":\"CSV\"}").body());
        String path = "/services/data/v62.0/jobs/query/" + job.get("id").asText();
        send("GET", path, token, null);
        JsonNode failed = JSON.readTree(send("GET", path, token, null).body());
        assertThat(failed.get("state").asText()).isEqualTo("Failed");
        assertThat(failed.get("errorMessage").asText()).isEqualTo("Query timed out");

        HttpResponse<String> count = send("POST", "/services/data/v62.0/jobs/query", token,
                "{\"operation\":\"query\",\"query\":\"SELECT COUNT() FROM SOSSession\",\"contentType\":\"CSV\"}");
        assertThat(count.statusCode()).isEqualTo(400);
        assertThat(count.body()).contains("INVALIDJOB");
    }
}
