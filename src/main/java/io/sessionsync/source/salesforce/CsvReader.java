package io.sessionsync.source.salesforce;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one row at a time, as the Bulk API 2.0 writes its query results (comma
 * delimiter, double-quote quoting, doubled quotes inside a quoted value, LF or CRLF line ends,
 * commas and line breaks allowed inside quotes). Row by row, so a results page is never held as
 * text and as rows at once. Values come back exactly as written: deciding what an empty value means
 * is the caller's business.
 */
final class CsvReader {
    private final Reader in;
    private final String what;
    private int pushedBack = -2;
    private long line = 1;

    /** @param what names the input in errors, e.g. "Bulk API results of job 750..., page 3" */
    CsvReader(Reader in, String what) {
        this.in = in;
        this.what = what;
    }

    /** The next row, or null at the end of the input. A blank last line is not a row. */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) return null;
        List<String> row = new ArrayList<>();
        while (true) {
            StringBuilder value = new StringBuilder();
            if (c == '"') {
                readQuoted(value, line);
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    throw new IllegalArgumentException(what + ", line " + line + ": unexpected '" + (char) c
                            + "' after a closing quote");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        throw new IllegalArgumentException(what + ", line " + line + ": a quote inside an unquoted value");
                    }
                    value.append((char) c);
                    c = read();
                }
            }
            row.add(value.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                int n = read();
                if (n != '\n') unread(n);
            }
            if (c != -1) line++;
            return row;
        }
    }

    private void readQuoted(StringBuilder value, long startLine) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) throw new IllegalArgumentException(what + ": the quoted value opened on line " + startLine + " never closes");
            if (c == '"') {
                int n = read();
                if (n == '"') {
                    value.append('"');
                    continue;
                }
                unread(n);
                return;
            }
            if (c == '\n') line++;
            value.append((char) c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
