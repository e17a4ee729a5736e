package io.sessionsync.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Every log event of this JVM at or above the configured levels while open, for tests of what gets logged. */
public final class CapturedLogs extends AbstractAppender implements AutoCloseable {
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();

    private CapturedLogs() {
        super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    }

    public static CapturedLogs capture() {
        CapturedLogs logs = new CapturedLogs();
        logs.start0();
        return logs;
    }

    private void start0() {
        start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) lc.addAppender(this, null, null);
        config.getRootLogger().addAppender(this, null, null);
        ctx.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        events.add(event.toImmutable());
    }

    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    /** The lines these events print: each message line plus every line of a stack trace. */
    public long lines() {
        long n = 0;
        for (LogEvent e : events) {
            n += e.getMessage().getFormattedMessage().lines().count();
            Throwable t = e.getThrown();
            while (t != null) {
                n += 1 + t.getStackTrace().length;
                t = t.getCause();
            }
        }
        return n;
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        for (LogEvent e : events) {
            b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getMessage().getFormattedMessage());
            if (e.getThrown() != null) b.append(" [").append(e.getThrown()).append(']');
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) lc.removeAppender(getName());
        config.getRootLogger().removeAppender(getName());
        ctx.updateLoggers();
        stop();
    }
}
