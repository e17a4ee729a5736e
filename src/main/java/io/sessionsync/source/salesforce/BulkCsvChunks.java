package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * One Bulk API 2.0 results page (CSV) as chunks of records, parsed as the route's split asks for the
 * next chunk: memory holds the page's bytes and one chunk, whatever the job's size. A chunk may be
 * empty when every record in it was our own (loop guard); the route skips those.
 */
final class BulkCsvChunks implements Iterator<List<RawRecord>>, Closeable {
    private final InputStream in;
    private final BulkCsvRecords.Rows rows;
    private final int chunkSize;
    private final Function<List<JsonNode>, List<RawRecord>> intake;
    private List<RawRecord> next;
    private boolean done;

    /** @param intake turns a chunk of CSV records into the pipeline's records (loop guard, tally) */
    BulkCsvChunks(InputStream in, String object, String apiVersion, String what, int chunkSize,
                  Function<List<JsonNode>, List<RawRecord>> intake) {
        this.in = in;
        this.rows = new BulkCsvRecords.Rows(new InputStreamReader(in, StandardCharsets.UTF_8), object, apiVersion, what);
        this.chunkSize = chunkSize;
        this.intake = intake;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) next = read();
        return next != null;
    }

    @Override
    public List<RawRecord> next() {
        if (!hasNext()) throw new NoSuchElementException();
        List<RawRecord> chunk = next;
        next = null;
        return chunk;
    }

    private List<RawRecord> read() {
        List<JsonNode> chunk = new ArrayList<>(chunkSize);
        try {
            while (chunk.size() < chunkSize) {
                JsonNode r = rows.next();
                if (r == null) {
                    done = true;
                    break;
                }
                chunk.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunk.isEmpty() ? null : intake.apply(chunk);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
