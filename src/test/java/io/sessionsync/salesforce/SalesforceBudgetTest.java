package io.sessionsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceBudgetTest {

    @Test
    void reads_api_usage_among_other_entries() {
        SalesforceBudget b = new SalesforceBudget();
        b.update("per-app-api-usage=17/250(appName=sample-app), api-usage=4100/5000");
        assertThat(b.used()).isEqualTo(4100);
        assertThat(b.max()).isEqualTo(5000);
        assertThat(b.share()).isEqualTo(0.82);
        assertThat(b.exceeds(0.8)).isTrue();
        assertThat(b.exceeds(0.9)).isFalse();
    }

    @Test
    void unknown_before_the_first_report_and_ignores_junk() {
        SalesforceBudget b = new SalesforceBudget();
        b.update(null);
        b.update("per-app-api-usage=17/250(appName=x)");
        assertThat(b.used()).isEqualTo(-1);
        assertThat(b.exceeds(0.8)).isFalse();
    }
}
