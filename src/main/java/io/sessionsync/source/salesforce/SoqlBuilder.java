package io.sessionsync.source.salesforce;

import io.sessionsync.salesforce.SalesforceDateTimes;
import io.sessionsync.salesforce.SalesforceNames;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the few SOQL statements the source needs. Nothing a caller types reaches SOQL as is:
 * object and field names must be plain API names, datetimes are formatted here, and the one string
 * literal (a record id) must look like a Salesforce id and is quoted and escaped besides.
 */
public final class SoqlBuilder {
    /** A field, or a field reached through relationships ({@code Contact.Phone}, {@code Owner__r.Email__c}). */
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*(__r)?\\.)*[A-Za-z][A-Za-z0-9_]*(__c)?$");
    private static final Pattern RECORD_ID = Pattern.compile("^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$");

    /** Fields every query reads, whatever the mapping asks for: the key, the version, and the delete flag. */
    public static final List<String> ALWAYS = List.of("Id", "SystemModstamp", "CreatedDate", "IsDeleted");

    private SoqlBuilder() {}

    /**
     * {@code SELECT <fields> FROM <object> WHERE SystemModstamp >= <from> [AND IsDeleted = true]
     * ORDER BY SystemModstamp, Id}: ordered on the version and then the key so paging is stable
     * when many records share a timestamp.
     */
    public static String changedSince(String object, Collection<String> fields, Instant from, boolean deletedOnly) {
        return "SELECT " + selectList(fields) + " FROM " + name(object)
                + " WHERE SystemModstamp >= " + SalesforceDateTimes.soqlLiteral(from)
                + (deletedOnly ? " AND IsDeleted = true" : "")
                + " ORDER BY SystemModstamp, Id";
    }

    /**
     * The same selection as {@link #changedSince} without ORDER BY, for a Bulk API 2.0 query job: ORDER BY
     * switches off the PK chunking that makes big bulk queries fast, and bulk results promise no order anyway.
     */
    public static String changedSinceUnordered(String object, Collection<String> fields, Instant from, boolean deletedOnly) {
        return "SELECT " + selectList(fields) + " FROM " + name(object)
                + " WHERE SystemModstamp >= " + SalesforceDateTimes.soqlLiteral(from)
                + (deletedOnly ? " AND IsDeleted = true" : "");
    }

    /** {@code SELECT COUNT() FROM <object> WHERE SystemModstamp >= <from>}: how big a poll would be. */
    public static String countChangedSince(String object, Instant from) {
        return "SELECT COUNT() FROM " + name(object) + " WHERE SystemModstamp >= " + SalesforceDateTimes.soqlLiteral(from);
    }

    /** {@code SELECT <fields> FROM <object> WHERE Id = '<id>'}. */
    public static String byId(String object, Collection<String> fields, String id) {
        return "SELECT " + selectList(fields) + " FROM " + name(object) + " WHERE Id = " + quote(recordId(id));
    }

    /** The field list with {@link #ALWAYS} first, duplicates dropped, each name checked. */
    public static String selectList(Collection<String> fields) {
        Set<String> all = new LinkedHashSet<>(ALWAYS);
        if (fields != null) all.addAll(fields);
        StringBuilder sb = new StringBuilder();
        for (String f : all) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(field(f));
        }
        return sb.toString();
    }

    /** Returns the name if it is a plain API name, else throws naming the bad value ({@link SalesforceNames#apiName}). */
    public static String name(String name) {
        return SalesforceNames.apiName(name);
    }

    /** Returns the field if it is an API name or a relationship path of them, else throws naming the bad value. */
    public static String field(String field) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("not a Salesforce field name: '" + SalesforceNames.printable(field) + "'");
        }
        return field;
    }

    /** Returns the id if it has the shape of a 15 or 18 character Salesforce id, else throws. */
    public static String recordId(String id) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Salesforce record id: '" + SalesforceNames.printable(id) + "'");
        }
        return id;
    }

    /** A single-quoted SOQL string literal with SOQL's escapes. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
