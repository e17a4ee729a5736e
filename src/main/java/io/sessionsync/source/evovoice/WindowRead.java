package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one listing's window of creation days ({@code StartDate}..{@code EndDate}) sorted by
 * {@code dateLastModified} ascending, every session of it: how backfills and re-syncs read.
 */
final class WindowRead extends ListingRead {
    private final LocalDate start;
    private final LocalDate end;
    private final int countPerPage;

    WindowRead(boolean archive, LocalDate start, LocalDate end, int countPerPage) {
        super(archive);
        this.start = start;
        this.end = end;
        this.countPerPage = countPerPage;
    }

    @Override
    Map<String, String> query(int page) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("StartDate", start.toString());
        q.put("EndDate", end.toString());
        return pageQuery(q, "Ascend", page, countPerPage);
    }

    @Override
    List<RawRecord> select(JsonNode items) {
        List<RawRecord> records = new ArrayList<>(items.size());
        for (JsonNode item : items) records.add(EvoVoiceSource.toRecord(item));
        return records;
    }
}
