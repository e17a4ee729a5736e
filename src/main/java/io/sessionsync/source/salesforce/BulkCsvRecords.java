package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns one Bulk API 2.0 CSV results page into JSON records shaped like the REST query's, so the
 * mapping files need not know which API read a record: {@code attributes {type, url}} first, then the
 * header's fields in order.
 *
 * <p>CSV carries only text, so values are typed the way the mappings need them: an empty value is
 * null (Salesforce stores no empty strings, and writes null as empty), {@code true}/{@code false}
 * become booleans, and datetimes ({@code 2026-11-20T10:15:30.000Z}) are rewritten in the REST
 * spelling ({@code ...000+0000}), the same instant. Numbers stay text: the mapping engine reads
 * numeric text wherever it expects a number, and text keeps leading zeros and long digit strings
 * that a guess at "number" would lose.
 */
final class BulkCsvRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern BULK_DATETIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    private BulkCsvRecords() {}

    /**
     * Reads every row of {@code csv} (header row first) and hands each as a record to {@code sink}.
     * Returns the number of records read.
     *
     * @param what names the page in errors (job id and page number)
     */
    static int read(Reader csv, String object, String apiVersion, String what, Consumer<ObjectNode> sink) throws IOException {
        Rows rows = new Rows(csv, object, apiVersion, what);
        int n = 0;
        for (ObjectNode r = rows.next(); r != null; r = rows.next()) {
            sink.accept(r);
            n++;
        }
        return n;
    }

    /** A results page read one record at a time, so a page is never held as rows and records at once. */
    static final class Rows {
        private final CsvReader reader;
        private final String object;
        private final String apiVersion;
        private final String what;
        private List<String> header;
        private boolean started;
        private int n;

        Rows(Reader csv, String object, String apiVersion, String what) {
            this.reader = new CsvReader(csv, what);
            this.object = object;
            this.apiVersion = apiVersion;
            this.what = what;
        }

        /** The next record, or null after the last (an empty page has no header either). */
        ObjectNode next() throws IOException {
            if (!started) {
                started = true;
                header = reader.next();
                if (header != null) {
                    for (String h : header) {
                        if (h.isEmpty()) throw new IllegalArgumentException(what + ": the header row has an empty column name");
                    }
                }
            }
            if (header == null) return null;
            List<String> row = reader.next();
            if (row == null) return null;
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(what + ", record " + (n + 1) + ": " + row.size()
                        + " values for " + header.size() + " columns");
            }
            n++;
            return record(header, row, object, apiVersion);
        }
    }

    /** Reads a whole page into a list (for tests and small pages). */
    static List<ObjectNode> readAll(Reader csv, String object, String apiVersion, String what) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        read(csv, object, apiVersion, what, out::add);
        return out;
    }

    static ObjectNode record(List<String> header, List<String> row, String object, String apiVersion) {
        ObjectNode r = NODES.objectNode();
        ObjectNode attributes = r.putObject("attributes");
        attributes.put("type", object);
        int idColumn = header.indexOf("Id");
        String id = idColumn < 0 ? "" : row.get(idColumn);
        attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/" + object + "/" + id);
        for (int i = 0; i < header.size(); i++) {
            String v = row.get(i);
            String column = header.get(i);
            // A relationship column (Contact.Phone) nests as the REST query nests it: {"Contact": {"Phone": ...}}.
            ObjectNode parent = r;
            String field = column;
            int dot;
            while ((dot = field.indexOf('.')) > 0) {
                String rel = field.substring(0, dot);
                parent = parent.get(rel) instanceof ObjectNode o ? o : parent.putObject(rel);
                field = field.substring(dot + 1);
            }
            ObjectNode target = parent;
            if (v.isEmpty()) target.putNull(field);
            else if (v.equals("true") || v.equals("false")) target.put(field, Boolean.parseBoolean(v));
            else if (BULK_DATETIME.matcher(v).matches()) target.put(field, SalesforceDateTimes.format(SalesforceDateTimes.parse(v)));
            else target.put(field, v);
        }
        return r;
    }
}
