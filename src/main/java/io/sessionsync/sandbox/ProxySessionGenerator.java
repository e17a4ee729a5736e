package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionsync.json.Json;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic Twilio Proxy Sessions: session {@code i} is computed from (seed, i) alone, so a
 * million sessions cost no memory and two runs with one seed see the same data. Sessions are dealt
 * round-robin over the services. A configurable share is broken on purpose (a bad date, or no
 * version at all) so the pipeline's dead-letter path is exercised. Only {@link #touch} keeps state.
 */
public final class ProxySessionGenerator {
    private static final ObjectMapper JSON = Json.mapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] MODES = {"message-only", "voice-only", "voice-and-message"};
    private static final String[] STATUSES = {"open", "in-progress", "closed", "failed", "unknown"};
    private static final String[] CLOSED_REASONS = {"ttl-expired", "api", "participant-removed"};
    // i -> the sid's low 64 bits is an odd-multiplier affine map, so it is a bijection and invertible.
    private static final long MUL = 0x9E3779B97F4A7C15L;
    private static final long MUL_INV = inverse(MUL);

    private final long seed;
    private final int count;
    private final List<String> serviceSids;
    private final double brokenShare;
    private final String accountSid;
    private final long offset;
    private final Map<Integer, Integer> touches = new ConcurrentHashMap<>();
    private final AtomicInteger touchCount = new AtomicInteger();

    public ProxySessionGenerator(long seed, int count, List<String> serviceSids, double brokenShare) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, was " + count);
        if (serviceSids == null || serviceSids.isEmpty()) throw new IllegalArgumentException("serviceSids is empty");
        if (brokenShare < 0 || brokenShare > 1) throw new IllegalArgumentException("brokenShare must be 0..1");
        this.seed = seed;
        this.count = count;
        this.serviceSids = List.copyOf(serviceSids);
        this.brokenShare = brokenShare;
        this.accountSid = "AC" + hex(mix(seed ^ 0x5EEDL)) + hex(mix(seed + 1));
        this.offset = mix(seed);
    }

    /** Sessions with no broken ones. */
    public ProxySessionGenerator(long seed, int count, List<String> serviceSids) {
        this(seed, count, serviceSids, 0.0);
    }

    public int count() { return count; }

    public List<String> serviceSids() { return serviceSids; }

    public String accountSid() { return accountSid; }

    /** How many sessions belong to {@code serviceSid} (0 for an unknown service). */
    public int countFor(String serviceSid) {
        int s = serviceSids.indexOf(serviceSid);
        if (s < 0) return 0;
        int n = serviceSids.size();
        return count <= s ? 0 : (count - s + n - 1) / n;
    }

    /** The global index of the {@code k}-th session of a service. */
    public int indexOf(String serviceSid, int k) {
        return k * serviceSids.size() + serviceSids.indexOf(serviceSid);
    }

    public String sid(int i) {
        return "KC" + hex(mix(seed ^ (i * 0xBF58476D1CE4E5B9L))) + hex(i * MUL + offset);
    }

    /** The index of a session SID this generator made, if it did. */
    public Optional<Integer> find(String sid) {
        if (sid == null || sid.length() != 34 || !sid.startsWith("KC")) return Optional.empty();
        long low;
        try {
            low = Long.parseUnsignedLong(sid.substring(18), 16);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long i = (low - offset) * MUL_INV;
        if (i < 0 || i >= count || !sid((int) i).equalsIgnoreCase(sid)) return Optional.empty();
        return Optional.of((int) i);
    }

    /** Whether session {@code i} is one of the broken-on-purpose ones. */
    public boolean isBroken(int i) {
        return brokenShare > 0 && unit(mix(seed ^ 0xBADL ^ ((long) i << 20))) < brokenShare;
    }

    /** Changes a session as Twilio would after an interaction: a later date_updated and the next status. */
    public void touch(String sid) {
        int i = find(sid).orElseThrow(() -> new IllegalArgumentException("no session " + sid));
        touches.merge(i, 1, Integer::sum);
        touchCount.incrementAndGet();
    }

    /** How many touches there have been: sessions rendered before and after the same count are the same. */
    public int touchCount() { return touchCount.get(); }

    public String serviceOf(int i) { return serviceSids.get(i % serviceSids.size()); }

    /** Session {@code i} as the Proxy API shapes it; {@code baseUrl} makes its url and links. */
    public ObjectNode session(int i, String baseUrl) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("session " + i + " of " + count);
        SplittableRandom r = new SplittableRandom(mix(seed + 31L * i));
        int touched = touches.getOrDefault(i, 0);
        String service = serviceOf(i);
        String sid = sid(i);
        Instant created = EPOCH.plusSeconds(i * 7L + r.nextInt(7));
        Instant started = created.plusSeconds(r.nextInt(1, 60));
        String status = STATUSES[(r.nextInt(STATUSES.length) + touched) % STATUSES.length];
        boolean ended = status.equals("closed") || status.equals("failed");
        Instant lastInteraction = started.plusSeconds(r.nextInt(30, 1800));
        // Every draw happens whatever the status, so a touch (which moves the status) changes nothing else.
        Instant lastChange = lastInteraction.plusSeconds(r.nextInt(1, 600));
        Instant endedAt = ended ? lastChange : null;
        int ttl = new int[] {0, 3600, 86400}[r.nextInt(3)];
        String mode = MODES[r.nextInt(MODES.length)];
        String closedReason = CLOSED_REASONS[r.nextInt(CLOSED_REASONS.length)];
        Instant updated = lastChange.plusSeconds(60L * touched);
        String url = baseUrl + "/v1/Services/" + service + "/Sessions/" + sid;

        ObjectNode s = JSON.createObjectNode();
        s.put("service_sid", service);
        s.put("status", status);
        s.put("unique_name", "Order #" + (100000 + i));
        s.put("date_started", started.toString());
        s.put("date_ended", endedAt == null ? null : endedAt.toString());
        s.put("date_last_interaction", lastInteraction.toString());
        s.put("date_expiry", ttl == 0 ? null : lastInteraction.plusSeconds(ttl).toString());
        s.put("ttl", ttl);
        s.put("mode", mode);
        s.put("closed_reason", ended ? closedReason : null);
        s.put("sid", sid);
        s.put("date_updated", updated.toString());
        s.put("date_created", created.toString());
        s.put("account_sid", accountSid);
        s.put("url", url);
        ObjectNode links = s.putObject("links");
        links.put("interactions", url + "/Interactions");
        links.put("participants", url + "/Participants");
        if (isBroken(i)) breakIt(s, i);
        return s;
    }

    /**
     * Session {@code i}'s Participant resources, oldest first, as Twilio lists them: the customer (one
     * of {@link SandboxCustomers}, added first), then the agent. {@code identifier} is each one's real
     * number; {@code proxy_identifier} the service's number the other side is shown instead.
     */
    public ArrayNode participants(int i, String baseUrl) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("session " + i + " of " + count);
        String service = serviceOf(i);
        String sid = sid(i);
        Instant created = EPOCH.plusSeconds(i * 7L);
        int customer = SandboxCustomers.of(i, SandboxCustomers.TWILIO);
        ArrayNode list = JSON.createArrayNode();
        list.add(participant(service, sid, 0, "customer", SandboxCustomers.phone(customer),
                String.format("+1628555%04d", i % 50), created.plusSeconds(1), baseUrl));
        list.add(participant(service, sid, 1, "agent", String.format("+1415666%04d", i % 40),
                String.format("+1628555%04d", 50 + i % 50), created.plusSeconds(2), baseUrl));
        return list;
    }

    private ObjectNode participant(String service, String sid, int n, String name, String identifier, String proxy,
                                   Instant created, String baseUrl) {
        String kp = "KP" + sid.substring(2, 33) + n;
        String url = baseUrl + "/v1/Services/" + service + "/Sessions/" + sid + "/Participants/" + kp;
        ObjectNode p = JSON.createObjectNode();
        p.put("sid", kp);
        p.put("session_sid", sid);
        p.put("service_sid", service);
        p.put("account_sid", accountSid);
        p.put("friendly_name", name);
        p.put("identifier", identifier);
        p.put("proxy_identifier", proxy);
        p.put("proxy_identifier_sid", "PN" + hex(mix(proxy.hashCode())) + hex(proxy.hashCode()));
        p.putNull("date_deleted");
        p.put("date_created", created.toString());
        p.put("date_updated", created.toString());
        p.put("url", url);
        p.putObject("links").put("message_interactions", url + "/MessageInteractions");
        return p;
    }

    /** Two ways a real record can fail mapping: an unparseable date, or no version at all. */
    private static void breakIt(ObjectNode s, int i) {
        if (i % 2 == 0) {
            s.put("date_started", "not-a-date");
        } else {
            s.putNull("date_updated");
            s.putNull("date_created");
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long bits) { return (bits >>> 11) * 0x1.0p-53; }

    /** 16 lower-case hex digits (String.format's %016x, without its parsing of the format every call). */
    private static String hex(long v) { return HEX.toHexDigits(v); }

    /** Multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
    private static long inverse(long a) {
        long x = a;
        for (int k = 0; k < 6; k++) x *= 2 - a * x;
        return x;
    }
}
