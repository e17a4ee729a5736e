package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** Every log line starts with an ISO-8601 date-time with its zone: a line from yesterday, or from another zone, reads as such. */
class LogLinesTest {

    @Test
    void each_appender_starts_its_lines_with_an_iso_8601_date_time_and_zone() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        for (String appender : new String[] {"stderr", "stderr-no-trace"}) {
            Layout<?> layout = ctx.getConfiguration().getAppender(appender).getLayout();
            String line = new String(layout.toByteArray(Log4jLogEvent.newBuilder().setLoggerName("io.sessionsync.Test")
                    .setLevel(Level.INFO).setMessage(new SimpleMessage("hello")).setTimeMillis(1_790_000_000_123L).build()),
                    java.nio.charset.StandardCharsets.UTF_8);
            String stamp = line.substring(0, line.indexOf(' '));
            assertThat(OffsetDateTime.parse(stamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli())
                    .as(appender + ": " + line).isEqualTo(1_790_000_000_123L);
            assertThat(line).contains("INFO").contains("hello");
        }
    }
}
