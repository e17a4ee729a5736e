package io.sessionsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SalesforceNamesTest {

    @Test
    void plain_and_custom_api_names_pass_unchanged() {
        assertThat(SalesforceNames.apiName("ExternalIdentifier")).isEqualTo("ExternalIdentifier");
        assertThat(SalesforceNames.apiName("Queue_Name__c")).isEqualTo("Queue_Name__c");
    }

    @Test
    void anything_else_is_refused_naming_the_value_with_control_characters_masked() {
        assertThatThrownBy(() -> SalesforceNames.apiName("Name, (SELECT Id FROM Contact)"))
                .hasMessageContaining("not a Salesforce API name: 'Name, (SELECT Id FROM Contact)'");
        assertThatThrownBy(() -> SalesforceNames.apiName("bad\nname"))
                .hasMessage("not a Salesforce API name: 'bad?name'");
        assertThatThrownBy(() -> SalesforceNames.apiName(null)).hasMessageContaining("'null'");
    }
}
