package io.sessionsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCsvRecordsTest {

    static List<List<String>> rows(String csv) throws IOException {
        CsvReader r = new CsvReader(new StringReader(csv), "test page");
        List<List<String>> out = new ArrayList<>();
        for (List<String> row = r.next(); row != null; row = r.next()) out.add(row);
        return out;
    }

    @Test
    void plain_rows_with_lf_or_crlf_line_ends() throws Exception {
        assertThat(rows("a,b,c\n1,2,3\n")).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
        assertThat(rows("a,b\r\n1,2\r\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
        assertThat(rows("a,b\n1,2")).containsExactly(List.of("a", "b"), List.of("1", "2")); // no final line end
        assertThat(rows("")).isEmpty();
    }

    @Test
    void quoted_values_keep_commas_line_breaks_and_doubled_quotes() throws Exception {
        String csv = "\"Id\",\"Reason\",\"Note\"\n"
                + "\"0eI1\",\"Billing, refunds\",\"said \"\"hi\"\"\nthen left\r\nfor good\"\n"
                + "\"0eI2\",\"\",\n";
        assertThat(rows(csv)).containsExactly(
                List.of("Id", "Reason", "Note"),
                List.of("0eI1", "Billing, refunds", "said \"hi\"\nthen left\r\nfor good"),
                List.of("0eI2", "", ""));
    }

    @Test
    void empty_values_at_both_ends_of_a_row() throws Exception {
        assertThat(rows(",x,\n")).containsExactly(List.of("", "x", ""));
    }

    @Test
    void broken_quoting_is_an_error_naming_the_page_and_line() {
        assertThatThrownBy(() -> rows("a,b\n\"open,2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test page").hasMessageContaining("never closes");
        assertThatThrownBy(() -> rows("a,b\n1,x\"y\n"))
                .hasMessageContaining("test page, line 2").hasMessageContaining("quote inside an unquoted value");
        assertThatThrownBy(() -> rows("a,b\n\"1\"x,2\n"))
                .hasMessageContaining("test page, line 2").hasMessageContaining("after a closing quote");
    }

    @Test
    void records_are_shaped_and_typed_like_rest_query_records() throws Exception {
        String csv = "\"Id\",\"SystemModstamp\",\"IsDeleted\",\"CaseId\",\"WaitDuration\",\"PhoneNumber\",\"Reason\"\n"
                + "\"0NS5g0000000001AAA\",\"2026-11-20T10:15:30.000Z\",\"false\",\"\",\"42\",\"0044123\",\"a, b\"\n";
        List<ObjectNode> records = BulkCsvRecords.readAll(new StringReader(csv), "SOSSession", "62.0", "job 750x page 1");
        assertThat(records).hasSize(1);
        ObjectNode r = records.get(0);
        assertThat(r.path("attributes").path("type").asText()).isEqualTo("SOSSession");
        assertThat(r.path("attributes").path("url").asText()).isEqualTo("/services/data/v62.0/sobjects/SOSSession/0NS5g0000000001AAA");
        assertThat(r.path("SystemModstamp").asText()).isEqualTo("2026-11-20T10:15:30.000+0000");
        assertThat(r.path("IsDeleted").isBoolean()).isTrue();
        assertThat(r.path("IsDeleted").booleanValue()).isFalse();
        assertThat(r.get("CaseId").isNull()).isTrue();
        assertThat(r.path("WaitDuration").asText()).isEqualTo("42");
        assertThat(r.path("PhoneNumber").asText()).isEqualTo("0044123"); // leading zero kept
        assertThat(r.path("Reason").asText()).isEqualTo("a, b");
    }

    @Test
    void relationship_columns_nest_as_the_rest_query_nests_them() throws Exception {
        String csv = "\"Id\",\"Contact.Phone\",\"Contact.Email\",\"MessagingEndUser.MessagingPlatformKey\"\n"
                + "\"0Mw5g0000000001AAA\",\"(415) 555-0123\",\"\",\"whatsapp:+14155550123\"\n";
        ObjectNode r = BulkCsvRecords.readAll(new StringReader(csv), "MessagingSession", "62.0", "job 750x page 1").get(0);
        assertThat(r.path("Contact").path("Phone").asText()).isEqualTo("(415) 555-0123");
        assertThat(r.path("Contact").get("Email").isNull()).isTrue();
        assertThat(r.path("MessagingEndUser").path("MessagingPlatformKey").asText()).isEqualTo("whatsapp:+14155550123");
        assertThat(r.has("Contact.Phone")).isFalse();
    }

    @Test
    void a_row_with_the_wrong_number_of_values_names_the_record() {
        String csv = "\"Id\",\"Name\"\n\"1\",\"a\"\n\"2\"\n";
        assertThatThrownBy(() -> BulkCsvRecords.readAll(new StringReader(csv), "SOSSession", "62.0", "job 750x page 2"))
                .hasMessageContaining("job 750x page 2, record 2").hasMessageContaining("1 values for 2 columns");
    }
}
