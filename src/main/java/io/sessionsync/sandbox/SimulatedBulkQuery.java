package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's Bulk API 2.0 query jobs, shaped as Salesforce documents them:
 * {@code POST jobs/query} (JSON job request, answers the job info in state UploadComplete),
 * {@code GET jobs/query/{id}} (InProgress on the first poll, then JobComplete or Failed), and
 * {@code GET jobs/query/{id}/results?maxRecords=&locator=} (text/csv with a header row;
 * {@code Sforce-Locator} names the next page, the text {@code null} after the last one;
 * {@code Sforce-NumberOfRecords} counts this page's rows).
 *
 * <p>The results are the rows the query matched when the job was created (their values as of the
 * results call). Without ORDER BY they come back in
 * reverse table order: Salesforce promises no order (it splits big jobs into chunks that finish in any
 * order), and the reverse order makes sure nobody reading them relies on one.
 */
final class SimulatedBulkQuery {
    /** One answer; exactly one of {@code json} and {@code csv} is set. */
    record Reply(int status, Object json, String csv, Map<String, String> headers) {
        static Reply json(int status, Object body) { return new Reply(status, body, null, Map.of()); }
    }

    private static final Pattern JOB = Pattern.compile("^jobs/query/(750[A-Za-z0-9]+)(/results)?$");
    private static final ObjectMapper JSON = Json.mapper();

    private final SalesforceSimulator sim;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile String failNext;
    private volatile int defaultMaxRecords = 50_000;

    private static final class Job {
        final String id;
        final String operation;
        final String object;
        final List<String> fields;
        final List<Map<String, Object>> rows;
        final String failure;
        final Instant created = Instant.now();
        int polls;
        String state = "UploadComplete";

        Job(String id, String operation, String object, List<String> fields, List<Map<String, Object>> rows, String failure) {
            this.id = id;
            this.operation = operation;
            this.object = object;
            this.fields = fields;
            this.rows = rows;
            this.failure = failure;
        }
    }

    SimulatedBulkQuery(SalesforceSimulator sim) {
        this.sim = sim;
    }

    /** The next job created ends in state Failed with this errorMessage. */
    void failNext(String errorMessage) { failNext = errorMessage; }

    /** Rows per results page when the request names no maxRecords. */
    void defaultMaxRecords(int n) { defaultMaxRecords = n; }

    static boolean handles(String rest) {
        return rest.equals("jobs/query") || rest.startsWith("jobs/query/");
    }

    Reply handle(String method, String version, String rest, byte[] body, Map<String, String> params) throws IOException {
        Matcher m = JOB.matcher(rest);
        if (method.equals("POST") && rest.equals("jobs/query")) {
            sim.countCall("bulkCreate");
            return create(version, JSON.readTree(body));
        }
        if (method.equals("GET") && m.matches() && m.group(2) == null) {
            sim.countCall("bulkJob");
            Job job = jobs.get(m.group(1));
            if (job == null) return notFound();
            synchronized (job) {
                job.polls++;
                if (job.polls == 1) job.state = "InProgress";
                else job.state = job.failure != null ? "Failed" : "JobComplete";
                return Reply.json(200, info(job, version));
            }
        }
        if (method.equals("GET") && m.matches()) {
            sim.countCall("bulkResults");
            Job job = jobs.get(m.group(1));
            if (job == null) return notFound();
            return results(job, params);
        }
        return Reply.json(404, List.of(SimulatorHttp.error("NOT_FOUND", "The requested resource does not exist")));
    }

    private Reply create(String version, JsonNode request) {
        String operation = request.path("operation").asText("");
        String soql = request.path("query").asText("");
        String contentType = request.path("contentType").asText("CSV");
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            return invalid("InvalidJob : operation must be query or queryAll, was '" + operation + "'");
        }
        if (!contentType.equals("CSV")) return invalid("InvalidJob : contentType must be CSV");
        MiniSoql.Parsed q;
        try {
            q = SimulatedQueries.checkedQuery(soql);
        } catch (MiniSoql.SoqlException e) {
            return Reply.json(400, List.of(SimulatorHttp.error(e.errorCode, e.getMessage())));
        }
        // Bulk API 2.0 takes no aggregate functions (the docs name COUNT()).
        if (q.count()) return invalid("InvalidJob : Aggregate queries are not supported by Bulk API 2.0");
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (sim) {
            // references, not copies: a sandbox org can hold millions of rows; pages are rendered under the lock
            rows.addAll(sim.select(q, operation.equals("queryAll")));
        }
        if (q.order() == null) Collections.reverse(rows);
        String id = "7505g000" + String.format("%07d", counter.incrementAndGet()) + "AAA";
        String failure = failNext;
        failNext = null;
        Job job = new Job(id, operation, q.object(), q.fields(), rows, failure);
        jobs.put(id, job);
        synchronized (job) {
            return Reply.json(200, info(job, version));
        }
    }

    private Reply results(Job job, Map<String, String> params) {
        synchronized (job) {
            if (!job.state.equals("JobComplete")) {
                return invalid("InvalidJob : job " + job.id + " is " + job.state + ", results are available once it is JobComplete");
            }
        }
        int max;
        int offset;
        try {
            max = params.containsKey("maxRecords") ? Integer.parseInt(params.get("maxRecords")) : defaultMaxRecords;
            String locator = params.get("locator");
            offset = locator == null || locator.isEmpty() ? 0
                    : Integer.parseInt(new String(Base64.getDecoder().decode(locator), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return invalid("InvalidJob : bad maxRecords or locator");
        }
        if (max < 1 || offset < 0 || offset > job.rows.size()) return invalid("InvalidJob : bad maxRecords or locator");
        int end = Math.min(job.rows.size(), offset + max);
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", job.fields.stream().map(SimulatedBulkQuery::quote).toList())).append('\n');
        synchronized (sim) {
            for (Map<String, Object> r : job.rows.subList(offset, end)) {
                List<String> values = new ArrayList<>();
                for (String f : job.fields) values.add(csvValue(r.get(f)));
                csv.append(String.join(",", values)).append('\n');
            }
        }
        String next = end < job.rows.size()
                ? Base64.getEncoder().withoutPadding().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)) : "null";
        return new Reply(200, null, csv.toString(), Map.of("Sforce-Locator", next,
                "Sforce-NumberOfRecords", String.valueOf(end - offset)));
    }

    private static Map<String, Object> info(Job job, String version) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", job.id);
        b.put("operation", job.operation);
        b.put("object", job.object);
        b.put("createdById", SimulatedSalesforceData.USER_ID);
        b.put("createdDate", SalesforceDateTimes.format(job.created));
        b.put("systemModstamp", SalesforceDateTimes.format(job.created));
        b.put("state", job.state);
        b.put("concurrencyMode", "Parallel");
        b.put("contentType", "CSV");
        b.put("apiVersion", Double.parseDouble(version));
        b.put("jobType", "V2Query");
        b.put("lineEnding", "LF");
        b.put("columnDelimiter", "COMMA");
        if (!job.state.equals("UploadComplete")) {
            b.put("numberRecordsProcessed", job.state.equals("JobComplete") ? job.rows.size() : 0);
            b.put("retries", 0);
            b.put("totalProcessingTime", 0);
        }
        if (job.state.equals("Failed")) b.put("errorMessage", job.failure);
        return b;
    }

    private static String csvValue(Object v) {
        if (v == null) return "";
        if (v instanceof Instant i) return quote(SalesforceDateTimes.bulkCsv(i));
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static Reply invalid(String message) {
        return Reply.json(400, List.of(SimulatorHttp.error("INVALIDJOB", message)));
    }

    private static Reply notFound() {
        return Reply.json(404, List.of(SimulatorHttp.error("NOT_FOUND", "The requested resource does not exist")));
    }
}
