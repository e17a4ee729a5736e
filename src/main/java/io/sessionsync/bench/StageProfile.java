package io.sessionsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a phase's CPU and allocations went, by pipeline stage: a JDK Flight Recorder recording of
 * execution samples (every {@link #PERIOD}) and allocation samples (bytes-weighted) over the whole
 * benchmark, each sample put in the stage of the innermost session-sync frame on its stack
 * ({@link Stage#of}). Sampling, not instrumentation: it needs no hook in the code it measures, and
 * stays right when that code moves between classes of the same package. CPU is samples x period
 * (Java code only; GC and JIT threads are in the phase's process CPU instead).
 */
public final class StageProfile implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(10);

    /** The stages costs are reported for, each named by the packages whose frames make it. */
    enum Stage {
        READ("read", "io.sessionsync.source.", "org.apache.camel.component.http.", "org.apache.hc."),
        MAP("map", "io.sessionsync.mapping.", "io.sessionsync.pipeline."),
        STORE("store", "io.sessionsync.store."),
        TARGET("target", "io.sessionsync.target.", "io.sessionsync.delivery.", "io.sessionsync.salesforce.",
                "org.apache.camel.component.salesforce."),
        SIMULATOR("simulators", "io.sessionsync.sandbox."),
        BENCHMARK("benchmark", "io.sessionsync.bench."),
        OTHER("other");

        final String label;
        private final String[] prefixes;

        Stage(String label, String... prefixes) {
            this.label = label;
            this.prefixes = prefixes;
        }

        /** The stage of the innermost frame that names one; OTHER when none does (Camel routing, JFR, ...). */
        static Stage of(RecordedStackTrace stack) {
            if (stack == null) return OTHER;
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.getMethod() == null || frame.getMethod().getType() == null) continue;
                String type = frame.getMethod().getType().getName();
                for (Stage s : values()) {
                    for (String p : s.prefixes) if (type.startsWith(p)) return s;
                }
            }
            return OTHER;
        }
    }

    /** CPU (sampled) and bytes allocated (estimated) of one stage. */
    record Cost(long cpuNanos, long bytes) {
        Cost plus(Cost o) {
            return new Cost(cpuNanos + o.cpuNanos, bytes + o.bytes);
        }
    }

    private record Sample(Instant at, Stage stage, Cost cost) {}

    private final Recording recording = new Recording();
    private final List<Sample> samples = new ArrayList<>();

    private StageProfile() {
        recording.setName("session-sync benchmark stages");
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD).withStackTrace();
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s").withStackTrace();
        recording.setToDisk(true);
    }

    public static StageProfile start() {
        StageProfile p = new StageProfile();
        p.recording.start();
        return p;
    }

    /** Stops recording and reads the samples; {@link #costs} answers from them after this. */
    public void finish() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("session-sync-bench", ".jfr");
        try {
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                String type = e.getEventType().getName();
                Stage stage = Stage.of(e.getStackTrace());
                if (type.equals("jdk.ExecutionSample")) {
                    samples.add(new Sample(e.getStartTime(), stage, new Cost(PERIOD.toNanos(), 0)));
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    samples.add(new Sample(e.getStartTime(), stage, new Cost(0, e.getLong("weight"))));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Each stage's cost within {@code window}; stages without samples are zero. */
    Map<Stage, Cost> costs(PhaseWindow window) {
        Map<Stage, Cost> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) out.put(s, new Cost(0, 0));
        for (Sample s : samples) if (window.contains(s.at())) out.merge(s.stage(), s.cost(), Cost::plus);
        return out;
    }

    @Override
    public void close() {
        recording.close();
    }
}
