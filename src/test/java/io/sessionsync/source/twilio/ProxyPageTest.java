package io.sessionsync.source.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.RawRecord;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The route reads a page's key, records and next link through Camel's bean language, which looks the page up
 * in its bean-info cache by hash and equality three times a page: that must not walk the page's sessions.
 */
class ProxyPageTest {
    /** A thousand sessions that refuse to be hashed or compared. */
    static final List<RawRecord> UNTOUCHABLE = new AbstractList<>() {
        @Override
        public RawRecord get(int index) {
            throw new AssertionError("a session was read");
        }

        @Override
        public int size() {
            return 1000;
        }

        @Override
        public int hashCode() {
            throw new AssertionError("the sessions were hashed");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("the sessions were compared");
        }
    };

    @Test
    void a_page_hashes_and_compares_as_itself_without_its_sessions() {
        TwilioProxyPages.ProxyPage page = new TwilioProxyPages.ProxyPage("KS1", 3, UNTOUCHABLE, "/next", "Page=4");
        TwilioProxyPages.ProxyPage same = new TwilioProxyPages.ProxyPage("KS1", 3, UNTOUCHABLE, "/next", "Page=4");

        assertThat(page.hashCode()).isEqualTo(page.hashCode());
        assertThat(page).isEqualTo(page).isNotEqualTo(same);
        assertThat(page.pageKey()).isEqualTo("KS1/3");
    }
}
