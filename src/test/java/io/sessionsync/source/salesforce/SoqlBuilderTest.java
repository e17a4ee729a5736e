package io.sessionsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoqlBuilderTest {

    @Test
    void incremental_query_orders_by_modstamp_then_id_and_always_reads_the_key_fields() {
        String soql = SoqlBuilder.changedSince("MessagingSession", List.of("Status", "Id", "StartTime"),
                Instant.parse("2026-11-20T10:15:30.789Z"), false);
        assertThat(soql).isEqualTo("SELECT Id, SystemModstamp, CreatedDate, IsDeleted, Status, StartTime FROM MessagingSession"
                + " WHERE SystemModstamp >= 2026-11-20T10:15:30Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void deleted_query_adds_the_is_deleted_filter() {
        assertThat(SoqlBuilder.changedSince("SOSSession", Set.of(), Instant.EPOCH, true))
                .isEqualTo("SELECT Id, SystemModstamp, CreatedDate, IsDeleted FROM SOSSession"
                        + " WHERE SystemModstamp >= 1970-01-01T00:00:00Z AND IsDeleted = true ORDER BY SystemModstamp, Id");
    }

    @Test
    void bulk_query_has_no_order_by_and_the_count_query_only_counts() {
        assertThat(SoqlBuilder.changedSinceUnordered("SOSSession", Set.of(), Instant.EPOCH, true))
                .isEqualTo("SELECT Id, SystemModstamp, CreatedDate, IsDeleted FROM SOSSession"
                        + " WHERE SystemModstamp >= 1970-01-01T00:00:00Z AND IsDeleted = true");
        assertThat(SoqlBuilder.countChangedSince("MessagingSession", Instant.parse("2026-11-20T10:15:30.789Z")))
                .isEqualTo("SELECT COUNT() FROM MessagingSession WHERE SystemModstamp >= 2026-11-20T10:15:30Z");
        assertThatThrownBy(() -> SoqlBuilder.countChangedSince("Session; DELETE", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void custom_fields_are_allowed() {
        assertThat(SoqlBuilder.selectList(List.of("Queue_Name__c"))).endsWith(", Queue_Name__c");
    }

    @Test
    void relationship_fields_are_allowed() {
        assertThat(SoqlBuilder.selectList(List.of("Contact.Phone", "MessagingEndUser.MessagingPlatformKey", "Owner__r.Email__c")))
                .endsWith(", Contact.Phone, MessagingEndUser.MessagingPlatformKey, Owner__r.Email__c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Status FROM User --", "Id, Name", "Name) OR (1=1", "Status' OR 'a'='a", "1Status",
            "Owner..Name", "Owner.", ".Name", "Status\nFROM", "", " Status", "St@tus", "Status;DELETE"})
    void hostile_field_names_are_refused(String field) {
        assertThatThrownBy(() -> SoqlBuilder.changedSince("MessagingSession", List.of(field), Instant.EPOCH, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Salesforce field name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Account WHERE Id != null", "Account--", "Acc ount", "_Private"})
    void hostile_object_names_are_refused(String object) {
        assertThatThrownBy(() -> SoqlBuilder.changedSince(object, List.of(), Instant.EPOCH, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0Mw5g0000000001' OR Id != '", "0Mw5g00000000012AAA", "0Mw5g000000", "x' OR 'x'='x'"})
    void hostile_or_malformed_ids_are_refused(String id) {
        assertThatThrownBy(() -> SoqlBuilder.byId("MessagingSession", List.of(), id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Salesforce record id");
    }

    @Test
    void fetch_by_id_quotes_a_valid_id() {
        assertThat(SoqlBuilder.byId("MessagingSession", List.of("Status"), "0Mw5g0000000001AAA"))
                .isEqualTo("SELECT Id, SystemModstamp, CreatedDate, IsDeleted, Status FROM MessagingSession WHERE Id = '0Mw5g0000000001AAA'");
    }

    @Test
    void quote_escapes_what_soql_escapes() {
        assertThat(SoqlBuilder.quote("it's a \\ \"test\"\n")).isEqualTo("'it\\'s a \\\\ \\\"test\\\"\\n'");
    }

    @Test
    void error_messages_do_not_echo_control_characters() {
        assertThatThrownBy(() -> SoqlBuilder.name("bad\u0000name\r\n"))
                .hasMessage("not a Salesforce API name: 'bad?name??'");
    }
}
