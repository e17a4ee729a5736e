package io.sessionsync.mapping;

import org.apache.commons.text.similarity.LevenshteinDistance;
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
            if (LevenshteinDistance.getDefaultInstance().apply(w, kl) <= Math.max(2, w.length() / 3) || kl.contains(w) || w.contains(kl)) out.add(k);
        }
        out.sort(Comparator.comparingInt(k -> LevenshteinDistance.getDefaultInstance().apply(w, k.toLowerCase(Locale.ROOT))));
        return out.size() > 5 ? out.subList(0, 5) : out;
    }

}
