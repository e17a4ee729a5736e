package io.sessionsync.source.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.run.RunCounts;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.sandbox.TwilioProxySimulator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With prefetch the source reads one page ahead: same pages, same order, never more than one ahead. */
class TwilioProxyPrefetchIT {
    CamelContext camel;
    ProducerTemplate producer;
    TwilioProxySimulator simulator;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) simulator.close();
        producer.close();
        camel.stop();
    }

    private void readPrefetching(List<String> services, int pageSize, SyncContext pages) throws Exception {
        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), TwilioProxySourceIT.ACCOUNT,
                TwilioProxySourceIT.TOKEN, null, null, services, pageSize);
        TwilioRoutes.read(settings, RetryPolicy.once(), pages, true, 1);
    }

    @Test
    void prefetch_hands_over_the_same_pages_in_the_same_order_and_reads_at_most_one_page_ahead() throws Exception {
        List<String> services = List.of(TwilioProxySourceIT.SERVICE_A, TwilioProxySourceIT.SERVICE_B);
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 65, services), TwilioProxySourceIT.ACCOUNT,
                TwilioProxySourceIT.TOKEN, 0);
        List<Integer> requestsWhenAccepted = new java.util.ArrayList<>();
        TwilioProxySourceIT.PageRecorder pages = new TwilioProxySourceIT.PageRecorder() {
            @Override public RunCounts accept(List<RawRecord> page) {
                requestsWhenAccepted.add(simulator.requestCount());
                return super.accept(page);
            }
        };

        readPrefetching(services, 10, pages);

        // 33 sessions in A (10, 10, 10, 3), 32 in B (10, 10, 10, 2); the records in the simulator's order.
        assertThat(pages.sizes).containsExactly(10, 10, 10, 3, 10, 10, 10, 2);
        List<String> expected = new java.util.ArrayList<>();
        ProxySessionGenerator data = simulator.data();
        for (String service : services) {
            for (int k = 0; k < data.countFor(service); k++) expected.add(data.sid(data.indexOf(service, k)));
        }
        assertThat(pages.records).extracting(RawRecord::id).containsExactlyElementsOf(expected);
        // When page n (1-based within a service) is accepted, at most page n+1 has been asked for.
        for (int i = 0; i < requestsWhenAccepted.size(); i++) {
            assertThat(requestsWhenAccepted.get(i)).isLessThanOrEqualTo(i + 2);
        }
        assertThat(simulator.requestCount()).isEqualTo(8);
    }

    @Test
    void a_failure_of_the_page_read_ahead_fails_the_run_after_the_pages_before_it() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 30, List.of(TwilioProxySourceIT.SERVICE_A)),
                TwilioProxySourceIT.ACCOUNT, TwilioProxySourceIT.TOKEN, 0);
        TwilioProxySourceIT.PageRecorder pages = new TwilioProxySourceIT.PageRecorder() {
            @Override public RunCounts accept(List<RawRecord> page) {
                if (sizes.isEmpty()) simulator.failNext(1, 401, null);
                return super.accept(page);
            }
        };

        assertThatThrownBy(() -> readPrefetching(List.of(TwilioProxySourceIT.SERVICE_A), 10, pages))
                .isInstanceOf(RemoteCallException.class).hasMessageContaining("401");
        // The page read ahead when the fault was set (the 2nd or, if already read, the 3rd) fails; nothing after it is handed over.
        assertThat(pages.sizes).isIn(List.of(10), List.of(10, 10));
    }
}
