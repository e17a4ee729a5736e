package io.sessionsync.bench;

import io.sessionsync.sandbox.TwilioProxySimulator;

/** The Twilio Proxy simulator in the benchmark's own JVM (--in-process-simulator): its cost counts as the pipeline's. */
final class InProcessTwilio implements BenchTwilio {
    private final TwilioProxySimulator simulator;

    InProcessTwilio(TwilioProxySimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public String baseUrl() {
        return simulator.baseUrl();
    }

    @Override
    public long requestCount() {
        return simulator.requestCount();
    }

    @Override
    public void resetRequestCount() {
        simulator.resetRequestCount();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
