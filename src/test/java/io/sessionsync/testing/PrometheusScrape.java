package io.sessionsync.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** One scrape of a running service's {@code /observe/metrics}, read as Prometheus text. */
public record PrometheusScrape(String body) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static PrometheusScrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("/observe/metrics answered " + r.statusCode() + ": " + r.body());
        return new PrometheusScrape(r.body());
    }

    /**
     * The value of the sample named {@code name} whose labels contain every one of {@code labels}
     * (each written as in the scrape, e.g. {@code from="latest"}); empty when there is none.
     */
    public OptionalDouble value(String name, String... labels) {
        for (String line : body.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) continue;
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            boolean all = true;
            for (String l : labels) all &= series.contains(l);
            if (all) return OptionalDouble.of(Double.parseDouble(line.substring(end + 1)));
        }
        return OptionalDouble.empty();
    }

    /** As {@link #value}, with -1 for a missing sample. */
    public double valueOr(String name, String... labels) {
        return value(name, labels).orElse(-1);
    }
}
