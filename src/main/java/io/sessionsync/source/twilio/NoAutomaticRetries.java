package io.sessionsync.source.twilio;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off Apache HttpClient's own retries, which by default silently repeat a GET answered 429 or
 * 503. Retrying is the RetryPolicy's job alone, so attempts, waits and logs are ours to count and
 * configure. Referenced from the endpoint URI as {@code #class:...}.
 */
public final class NoAutomaticRetries implements HttpClientConfigurer {
    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
