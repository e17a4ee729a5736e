package io.sessionsync.bench;

import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.sandbox.TwilioProxySimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's Twilio Proxy simulator in a child JVM (same class path, its own small heap), driven
 * over the child's stdin/stdout: the child prints {@code ready <base url>}, then answers {@code count}
 * and {@code reset}, and exits at end of input. The Basic-auth token goes through the environment, never
 * the command line. On a 2-core machine both processes still share the cores; what the child spares the
 * pipeline's JVM is its CPU accounting, its heap and its garbage collections.
 */
final class ChildTwilioSimulator implements BenchTwilio {
    /** Sessions up to which the child renders every page before it is ready (about 900 bytes of heap each). */
    static final int PRERENDER_LIMIT = 2_000_000;
    private static final String TOKEN_ENV = "SESSIONSYNC_BENCH_TWILIO_TOKEN";

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;
    private final String baseUrl;

    private ChildTwilioSimulator(Process process) throws IOException {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = answers.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroy();
            throw new IOException("The Twilio simulator process did not start (said: " + ready + ")");
        }
        this.baseUrl = ready.substring("ready ".length());
    }

    /**
     * Starts a child serving {@code sessions} sessions generated from {@code seed} in {@code services}. Before
     * it says it is ready, the child renders every list page of {@code pageSize} sessions (up to
     * {@link #PRERENDER_LIMIT} sessions; {@link TwilioProxySimulator#prerender}) and serves itself
     * {@code warmUpPages} of them (uncounted): real Twilio is always warm, and its work is not the pipeline's.
     */
    static ChildTwilioSimulator start(long seed, int sessions, List<String> services, String token, int pageSize,
                                      int warmUpPages) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        long heapMb = 256 + (prerenders(sessions) ? sessions * 1100L / (1024 * 1024) : 0);
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heapMb + "m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ChildTwilioSimulator.class.getName(),
                Long.toString(seed), Integer.toString(sessions), String.join(",", services), Integer.toString(pageSize),
                Integer.toString(warmUpPages));
        pb.environment().put(TOKEN_ENV, token);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildTwilioSimulator(pb.start());
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public long requestCount() {
        return Long.parseLong(ask("count"));
    }

    @Override
    public void resetRequestCount() {
        ask("reset");
    }

    private synchronized String ask(String command) {
        commands.println(command);
        try {
            String answer = answers.readLine();
            if (answer == null) throw new IllegalStateException("The Twilio simulator process has exited");
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("The Twilio simulator process does not answer", e);
        }
    }

    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Whether a child serving {@code sessions} renders its pages ahead. */
    static boolean prerenders(int sessions) {
        return sessions <= PRERENDER_LIMIT;
    }

    /** The child: {@code seed sessions service,service pageSize warmUpPages}; the token from the environment. */
    public static void main(String[] args) throws Exception {
        // stdout is the protocol: anything else printed (a log line) goes to stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        ProxySessionGenerator data = new ProxySessionGenerator(Long.parseLong(args[0]), Integer.parseInt(args[1]),
                Arrays.asList(args[2].split(",")), 0.0);
        String token = System.getenv(TOKEN_ENV);
        try (TwilioProxySimulator twilio = new TwilioProxySimulator(data, data.accountSid(), token, 0);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            int pageSize = Integer.parseInt(args[3]);
            if (prerenders(data.count())) twilio.prerender(pageSize);
            warmUp(twilio, data, token, pageSize, Integer.parseInt(args[4]));
            protocol.println("ready " + twilio.baseUrl());
            protocol.flush();
            for (String line; (line = in.readLine()) != null; ) {
                switch (line) {
                    case "count" -> protocol.println(twilio.requestCount());
                    case "reset" -> {
                        twilio.resetRequestCount();
                        protocol.println("ok");
                    }
                    default -> protocol.println("unknown command " + line);
                }
                protocol.flush();
            }
        }
    }

    /** Lists {@code pages} pages, the services in turn, over HTTP from the simulator itself; then resets its count. */
    private static void warmUp(TwilioProxySimulator twilio, ProxySessionGenerator data, String token, int pageSize, int pages)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString((data.accountSid() + ":" + token).getBytes(StandardCharsets.UTF_8));
        List<String> services = data.serviceSids();
        for (int k = 0; k < pages; k++) {
            String service = services.get(k % services.size());
            int pagesOfService = Math.max(1, (data.countFor(service) + pageSize - 1) / pageSize);
            int page = (k / services.size()) % pagesOfService;
            HttpRequest get = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/v1/Services/" + service
                    + "/Sessions?PageSize=" + pageSize + "&Page=" + page)).header("Authorization", basic).build();
            HttpResponse<Void> answer = client.send(get, HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) throw new IOException("warm-up page " + page + " of " + service + ": HTTP " + answer.statusCode());
        }
        twilio.resetRequestCount();
    }
}
