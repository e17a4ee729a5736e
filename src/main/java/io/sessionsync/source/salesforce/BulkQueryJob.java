package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;

/**
 * Runs one Bulk API 2.0 query job through camel-salesforce: {@code bulk2CreateQueryJob}, then
 * {@code bulk2GetQueryJob} every poll interval until the job is JobComplete, then
 * {@code bulk2GetQueryJobResults} page by page, following the {@code Sforce-Locator} header until it
 * says {@code null}. Each results page (at most {@code maxRecords} rows) is parsed as it streams and
 * handed on in chunks, so memory holds one page's bytes and one chunk of records, whatever the job's size.
 */
final class BulkQueryJob {
    /** The response header naming the next results page; the text "null" after the last. */
    static final String LOCATOR_HEADER = "Sforce-Locator";

    /** One camel-salesforce call: operation, body, headers; answers the exchange or throws its failure. */
    interface Calls {
        Exchange call(String operation, Object body, Map<String, Object> headers) throws Exception;
    }

    /** Takes a chunk of records; false stops the reading (the job's remaining pages are not fetched). */
    interface Chunks {
        boolean accept(List<JsonNode> records);
    }

    /** The job ended Failed or Aborted: nothing after it may be trusted, so the caller keeps its checkpoint. */
    static final class FailedException extends RuntimeException {
        FailedException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final Calls calls;
    private final String apiVersion;
    private final Duration pollInterval;
    private final int maxRecords;
    private final int chunkSize;

    BulkQueryJob(Calls calls, String apiVersion, Duration pollInterval, int maxRecords, int chunkSize) {
        this.calls = calls;
        this.apiVersion = apiVersion;
        this.pollInterval = pollInterval;
        this.maxRecords = maxRecords;
        this.chunkSize = chunkSize;
    }

    /**
     * Runs {@code soql} as a {@code query} (or, with {@code all}, {@code queryAll}: deleted records too)
     * job and hands every result record to {@code chunks}. Returns false if {@code chunks} stopped it.
     */
    boolean run(String object, String soql, boolean all, Chunks chunks) throws Exception {
        QueryJob request = new QueryJob();
        request.setOperation(all ? OperationEnum.QUERY_ALL : OperationEnum.QUERY);
        request.setQuery(soql);
        request.setContentType(ContentTypeEnum.CSV);
        QueryJob job = calls.call("bulk2CreateQueryJob", request, Map.of()).getMessage().getBody(QueryJob.class);
        if (job == null || job.getId() == null) throw new IllegalStateException("Salesforce created a Bulk API 2.0 query job for " + object + " without an id");
        String id = job.getId();
        while (job.getState() != JobStateEnum.JOB_COMPLETE) {
            if (job.getState() == JobStateEnum.FAILED || job.getState() == JobStateEnum.ABORTED) {
                throw new FailedException("Salesforce Bulk API 2.0 query job " + id + " (" + object + ", "
                        + (all ? "queryAll" : "query") + ") ended " + (job.getState() == JobStateEnum.FAILED ? "Failed" : "Aborted")
                        + errorMessage(id) + "; the checkpoint of " + object + " is kept and the next run reads the same window again");
            }
            Thread.sleep(pollInterval.toMillis());
            job = calls.call("bulk2GetQueryJob", null, Map.of("jobId", id)).getMessage().getBody(QueryJob.class);
            if (job == null) throw new IllegalStateException("Salesforce answered no job info for Bulk API 2.0 query job " + id);
        }
        String locator = null;
        int page = 0;
        do {
            page++;
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("jobId", id);
            headers.put("maxRecords", maxRecords);
            if (locator != null) headers.put("locator", locator);
            Exchange ex = calls.call("bulk2GetQueryJobResults", null, headers);
            String next = ex.getMessage().getHeader(LOCATOR_HEADER, String.class);
            if (next == null) {
                // Without it the remaining pages would be skipped silently.
                throw new IllegalStateException("Bulk API 2.0 results of job " + id + " (" + object + "), page " + page
                        + ": the answer has no " + LOCATOR_HEADER + " header");
            }
            if (!readPage(ex, object, "Bulk API 2.0 results of job " + id + " (" + object + "), page " + page, chunks)) return false;
            locator = next.isEmpty() || next.equals("null") ? null : next;
        } while (locator != null);
        return true;
    }

    /**
     * Salesforce's reason for a failed job. camel-salesforce's QueryJob drops the job info's
     * {@code errorMessage}, so it is read once more through the {@code raw} operation; best effort, as the
     * job's failure is the error to report either way.
     */
    private String errorMessage(String id) {
        if (!id.matches("[A-Za-z0-9]{15,18}")) return "";
        try {
            Exchange ex = calls.call("raw?format=JSON&rawMethod=GET&rawPath=/services/data/v" + apiVersion + "/jobs/query/" + id,
                    null, Map.of());
            String message = JSON.readTree(ex.getMessage().getBody(String.class)).path("errorMessage").asText("");
            return message.isBlank() ? "" : " (Salesforce: " + message + ")";
        } catch (Exception e) {
            return "";
        }
    }

    private boolean readPage(Exchange ex, String object, String what, Chunks chunks) throws Exception {
        List<JsonNode> chunk = new ArrayList<>(chunkSize);
        boolean[] stopped = {false};
        try (InputStream in = ex.getMessage().getMandatoryBody(InputStream.class)) {
            BulkCsvRecords.read(new InputStreamReader(in, StandardCharsets.UTF_8), object, apiVersion, what, r -> {
                if (stopped[0]) return;
                chunk.add(r);
                if (chunk.size() == chunkSize) {
                    stopped[0] = !chunks.accept(List.copyOf(chunk));
                    chunk.clear();
                }
            });
        }
        if (stopped[0]) return false;
        return chunk.isEmpty() || chunks.accept(List.copyOf(chunk));
    }
}
