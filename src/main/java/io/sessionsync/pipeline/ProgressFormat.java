package io.sessionsync.pipeline;

import java.time.Duration;
import java.util.Locale;

/** How progress numbers read: grouped counts, rates, short durations, a text bar. */
public final class ProgressFormat {
    private ProgressFormat() {}

    /** {@code 1234567 -> "1,234,567"}, whatever the machine's locale. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Records per second, whole above 10 ({@code "12,345/s"}), one decimal below ({@code "2.5/s"}). */
    public static String rate(double perSecond) {
        if (perSecond >= 10) return count(Math.round(perSecond)) + "/s";
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /** {@code 0.256 -> "25.6%"}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** {@code 42s}, {@code 3m 05s}, {@code 1h 02m}: the two largest units, rounded to whole seconds. */
    public static String duration(Duration d) {
        long s = Math.round(Math.max(0, d.toMillis()) / 1000.0);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** {@code [#####.....]} of {@code width} cells, filled by {@code fraction} (clamped to 0..1). */
    public static String bar(double fraction, int width) {
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.floor(f * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
