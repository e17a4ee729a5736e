package io.sessionsync.source.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Switches off Apache HttpClient 5's own retries. Its default strategy silently repeats 429 and 503
 * answers (sleeping for their Retry-After) and some I/O failures, underneath camel-http; retries
 * belong to our one {@link io.sessionsync.reliability.RetryPolicy}, where they are counted, capped
 * and logged. Used through the endpoint option {@code httpClientConfigurer=#class:...}.
 */
public final class NoAutomaticRetries implements HttpClientConfigurer {
    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
