package io.sessionsync.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for an unknown field name: known names within a small edit distance, or sharing a stem. */
final class CloseNames {
    private CloseNames() {}

    static List<String> to(String wrong, Iterable<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            if (distance(w, kl) <= Math.max(2, w.length() / 3) || kl.contains(w) || w.contains(kl)) out.add(k);
        }
        out.sort(Comparator.comparingInt(k -> distance(w, k.toLowerCase(Locale.ROOT))));
        return out.size() > 5 ? out.subList(0, 5) : out;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
