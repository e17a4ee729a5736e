package io.sessionsync.bench;

/**
 * The Twilio Proxy simulator a benchmark run reads from: in this JVM, or in a child JVM of its own
 * ({@link ChildTwilioSimulator}) so that its page generation is not counted as the pipeline's CPU,
 * allocation and garbage collection.
 */
interface BenchTwilio extends AutoCloseable {
    String baseUrl();

    /** Requests received since the last reset. */
    long requestCount();

    void resetRequestCount();

    @Override
    void close();
}
