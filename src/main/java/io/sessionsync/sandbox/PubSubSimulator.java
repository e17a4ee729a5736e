package io.sessionsync.sandbox;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for Salesforce's Pub/Sub API (the {@code eventbus.v1.PubSub} gRPC service that
 * camel-salesforce ships the generated classes of), plain text on loopback: {@code GetTopic},
 * {@code GetSchema} and {@code Subscribe} with flow control ({@code num_requested}), replay presets
 * LATEST, EARLIEST and CUSTOM, and Avro change events from {@link ChangeEventSchemas}.
 *
 * <p>Topics: {@code /data/ChangeEvents} and any custom channel {@code /data/<Name>__chn} carry every
 * object's changes; {@code /data/<Object>ChangeEvent} carries one object's. Replay ids are 8-byte
 * big-endian sequence numbers. Hooks let tests drop every stream (UNAVAILABLE), refuse the next
 * subscribes, expire retained events (a replay id older than the retention answers Salesforce's
 * "replay id corrupted" error), and publish gap and overflow events.
 */
public final class PubSubSimulator implements AutoCloseable {
    /** The error-code trailer Salesforce sends for a replay id it no longer (or never) had. */
    public static final String CORRUPTED_REPLAY_ID = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);

    private record Stored(long replayId, String object, String schemaId, byte[] payload) {}

    private final Server server;
    private final ChangeEventSchemas schemas = new ChangeEventSchemas();
    private final List<Stored> log = new ArrayList<>(); // guarded by this
    private long oldestRetained = 1; // guarded by this
    private long commitNumber;       // guarded by this
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger subscribes = new AtomicInteger();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final Predicate<String> tokenValid;

    /** Starts on 127.0.0.1, an ephemeral port; {@code tokenValid} says whether an access token may subscribe. */
    public PubSubSimulator(Predicate<String> tokenValid) throws IOException {
        this.tokenValid = tokenValid;
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new Service(), new TokenCheck()))
                .build().start();
    }

    public String host() { return InetAddress.getLoopbackAddress().getHostAddress(); }

    public int port() { return server.getPort(); }

    // ---- hooks for tests and the sandbox ----

    /** Appends the change event of {@code change} and hands it to the streams that want it. */
    public void publish(SimulatedChange change) {
        synchronized (this) {
            long id = log.size() + 1;
            commitNumber++;
            byte[] payload = schemas.encode(change, UUID.randomUUID().toString(), 1, commitNumber);
            schemas.schema(change.object());
            log.add(new Stored(id, change.object(), ChangeEventSchemas.schemaId(change.object()), payload));
        }
        for (Stream s : streams) s.pump();
    }

    /** A gap event: Salesforce could not build the change event of these records. */
    public void publishGap(String object, List<String> ids) {
        publish(new SimulatedChange(object, ids, "GAP_UPDATE", List.of(), Instant.now()));
    }

    /** An overflow event: more changes in one transaction than Salesforce sends events for; no record ids. */
    public void publishOverflow(String object) {
        publish(new SimulatedChange(object, List.of(), "GAP_OVERFLOW", List.of(), Instant.now()));
    }

    /** Forgets every event published so far: their replay ids are now past the retention window. */
    public synchronized void expireRetained() {
        oldestRetained = log.size() + 1;
    }

    /** Ends every open stream with UNAVAILABLE, as a dropped connection or a server restart would. */
    public void dropStreams() {
        for (Stream s : streams) s.fail(Status.UNAVAILABLE.withDescription("simulated outage"), new Metadata());
    }

    /** The next {@code n} Subscribe calls end at once with UNAVAILABLE. */
    public void refuseNextSubscribes(int n) { refuseNext.set(n); }

    /** How many Subscribe calls came in. */
    public int subscribeCalls() { return subscribes.get(); }

    /** Streams open now. */
    public int openStreams() { return streams.size(); }

    /** Events published so far. */
    public synchronized int published() { return log.size(); }

    /** The replay id of the {@code n}th published event (1-based), base64 as camel-salesforce reports it. */
    public static String replayIdOf(long n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(n).array());
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean carries(String topic, String object) {
        if (topic.equals("/data/ChangeEvents") || topic.endsWith("__chn")) return true;
        return topic.equals("/data/" + object + "ChangeEvent");
    }

    static boolean knownTopic(String topic) {
        if (topic.equals("/data/ChangeEvents") || (topic.startsWith("/data/") && topic.endsWith("__chn"))) return true;
        return SimulatedSalesforceData.KEY_PREFIX.keySet().stream().anyMatch(o -> topic.equals("/data/" + o + "ChangeEvent"));
    }

    private static Metadata errorCode(String code) {
        Metadata m = new Metadata();
        m.put(ERROR_CODE, code);
        return m;
    }

    /** Refuses calls without a valid access token, as Salesforce does (camel-salesforce logs in again). */
    private final class TokenCheck implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String token = headers.get(ACCESS_TOKEN);
            if (token == null || !tokenValid.test(token)) {
                call.close(Status.UNAUTHENTICATED.withDescription("invalid access token"), errorCode(AUTH_ERROR));
                return new ServerCall.Listener<>() { };
            }
            return next.startCall(call, headers);
        }
    }

    private final class Service extends PubSubGrpc.PubSubImplBase {
        @Override
        public void getTopic(TopicRequest request, StreamObserver<TopicInfo> out) {
            String topic = request.getTopicName();
            if (!knownTopic(topic)) {
                out.onError(Status.NOT_FOUND.withDescription("topic not found: " + topic).asRuntimeException());
                return;
            }
            String object = topic.endsWith("ChangeEvent") ? topic.substring(6, topic.length() - "ChangeEvent".length()) : "SOSSession";
            schemas.schema(object);
            out.onNext(TopicInfo.newBuilder().setTopicName(topic).setTenantGuid(SimulatedSalesforceData.ORG_ID)
                    .setCanPublish(false).setCanSubscribe(true).setSchemaId(ChangeEventSchemas.schemaId(object))
                    .setRpcId(UUID.randomUUID().toString()).build());
            out.onCompleted();
        }

        @Override
        public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> out) {
            var schema = schemas.byId(request.getSchemaId());
            if (schema == null) {
                out.onError(Status.NOT_FOUND.withDescription("schema not found: " + request.getSchemaId()).asRuntimeException());
                return;
            }
            out.onNext(SchemaInfo.newBuilder().setSchemaId(request.getSchemaId()).setSchemaJson(schema.toString())
                    .setRpcId(UUID.randomUUID().toString()).build());
            out.onCompleted();
        }

        @Override
        public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> out) {
            subscribes.incrementAndGet();
            Stream stream = new Stream(out);
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                stream.fail(Status.UNAVAILABLE.withDescription("simulated outage"), new Metadata());
            } else {
                streams.add(stream);
            }
            return stream;
        }
    }

    /** One Subscribe stream: its topic, its position in the log, and the events it may still be sent. */
    private final class Stream implements StreamObserver<FetchRequest> {
        private final StreamObserver<FetchResponse> out;
        private String topic;
        private long position;  // the replay id of the last event delivered or skipped
        private int credit;
        private boolean closed;

        Stream(StreamObserver<FetchResponse> out) {
            this.out = out;
        }

        @Override
        public void onNext(FetchRequest request) {
            synchronized (this) {
                if (closed) return;
                if (topic == null) {
                    if (!knownTopic(request.getTopicName())) {
                        fail(Status.NOT_FOUND.withDescription("topic not found: " + request.getTopicName()), new Metadata());
                        return;
                    }
                    topic = request.getTopicName();
                    if (!start(request)) return;
                }
                credit += request.getNumRequested();
            }
            pump();
        }

        /** Sets the start position from the preset; false (the stream failed) for a replay id not retained. */
        private boolean start(FetchRequest request) {
            synchronized (PubSubSimulator.this) {
                if (request.getReplayPreset() == ReplayPreset.LATEST) {
                    position = log.size();
                } else if (request.getReplayPreset() == ReplayPreset.EARLIEST) {
                    position = oldestRetained - 1;
                } else {
                    ByteString id = request.getReplayId();
                    long asked = id.size() == 8 ? id.asReadOnlyByteBuffer().getLong() : -1;
                    if (asked < oldestRetained - 1 || asked > log.size()) {
                        fail(Status.INVALID_ARGUMENT.withDescription("The Replay ID validation failed."), errorCode(CORRUPTED_REPLAY_ID));
                        return false;
                    }
                    position = asked;
                }
            }
            return true;
        }

        /** Sends what the credit allows of the events after the position that this topic carries. */
        synchronized void pump() {
            if (closed || topic == null || credit <= 0) return;
            List<ConsumerEvent> batch = new ArrayList<>();
            long latest;
            synchronized (PubSubSimulator.this) {
                while (credit - batch.size() > 0 && position < log.size()) {
                    Stored e = log.get((int) position);
                    position++;
                    if (!carries(topic, e.object())) continue;
                    batch.add(ConsumerEvent.newBuilder()
                            .setEvent(ProducerEvent.newBuilder().setId(UUID.randomUUID().toString())
                                    .setSchemaId(e.schemaId()).setPayload(ByteString.copyFrom(e.payload())))
                            .setReplayId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(e.replayId()).array()))
                            .build());
                }
                latest = position;
            }
            if (batch.isEmpty()) return;
            credit -= batch.size();
            try {
                out.onNext(FetchResponse.newBuilder().addAllEvents(batch)
                        .setLatestReplayId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(latest).array()))
                        .setRpcId(UUID.randomUUID().toString()).setPendingNumRequested(credit).build());
            } catch (StatusRuntimeException cancelled) {
                // The subscriber went away (a killed process) before gRPC told this stream: the stream ends
                // here, as onError would end it. The events stay in the log for whoever subscribes next.
                closed = true;
                streams.remove(this);
            }
        }

        synchronized void fail(Status status, Metadata trailers) {
            if (closed) return;
            closed = true;
            streams.remove(this);
            out.onError(status.asRuntimeException(trailers));
        }

        @Override
        public void onError(Throwable t) {
            synchronized (this) { closed = true; }
            streams.remove(this);
        }

        @Override
        public synchronized void onCompleted() {
            if (closed) return;
            closed = true;
            streams.remove(this);
            out.onCompleted();
        }
    }
}
