package io.sessionsync.ops;

import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.DeliveryOutbox;
import io.sessionsync.store.RunRecord;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.WebhookInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jsoup.nodes.Entities;

/**
 * How the service stands, for {@code GET /ops/status}: per source its last run and next scheduled fire,
 * per target the deliveries pending (stored, not yet taken: a target outage shows here), the dead
 * letters pending by reason, and the webhook inbox's depth. As JSON, or as a small read-only HTML page.
 */
public final class OpsStatus {
    private final SyncService sync;
    private final RunStore runs;
    private final DeadLetterStore deadLetters;
    private final TargetDelivery delivery;
    private final WebhookInbox inbox;
    private final Function<String, Optional<Instant>> nextFire;

    /** @param nextFire the next scheduled fire of a source, empty when none is scheduled */
    public OpsStatus(SyncService sync, RunStore runs, DeadLetterStore deadLetters, TargetDelivery delivery,
                     WebhookInbox inbox, Function<String, Optional<Instant>> nextFire) {
        this.sync = sync;
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.delivery = delivery;
        this.inbox = inbox;
        this.nextFire = nextFire;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (String source : sync.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            Optional<RunRecord> last = runs.latestFinished(source, EnumSet.allOf(Trigger.class), 1).stream().findFirst();
            m.put("lastRun", last.map(OpsStatus::run).orElse(null));
            m.put("nextFire", nextFire.apply(source).map(Instant::toString).orElse(null));
            sources.add(m);
        }
        out.put("sources", sources);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (String t : delivery.targets()) {
            DeliveryOutbox.Backlog b = delivery.outbox().backlog(t);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", t);
            m.put("pending", b.pending());
            m.put("delivered", b.delivered());
            m.put("refused", b.refused());
            m.put("oldestPending", b.oldestPending() == null ? null : b.oldestPending().toString());
            m.put("lastError", b.lastError());
            targets.add(m);
        }
        out.put("deliveries", targets);
        out.put("deadLettersPending", deadLetters.countPending());
        out.put("deadLettersByReason", deadLetters.pendingByReason());
        out.put("webhookInboxPending", inbox.pending());
        return out;
    }

    private static Map<String, Object> run(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("trigger", r.trigger());
        m.put("status", r.status());
        m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        m.put("read", r.counts().read());
        m.put("written", r.counts().written());
        m.put("failed", r.counts().failed());
        m.put("error", r.error());
        return m;
    }

    /** The same as a read-only HTML page: no script, no form, every value escaped. */
    @SuppressWarnings("unchecked")
    public String html() {
        Map<String, Object> s = snapshot();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>session-sync status</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                + ".failed{color:#a00}</style></head><body>\n<h1>session-sync status</h1>\n");
        h.append("<h2>Sources</h2>\n<table id=\"sources\"><tr><th>source</th><th>last run</th><th>status</th>"
                + "<th>finished</th><th>read</th><th>written</th><th>failed</th><th>error</th><th>next fire</th></tr>\n");
        for (Map<String, Object> src : (List<Map<String, Object>>) s.get("sources")) {
            Map<String, Object> last = (Map<String, Object>) src.get("lastRun");
            h.append("<tr><td>").append(esc(src.get("source"))).append("</td>");
            if (last == null) {
                h.append("<td colspan=\"7\">no run yet</td>");
            } else {
                h.append(td(last.get("id"))).append("<td class=\"").append(esc(last.get("status"))).append("\">")
                        .append(esc(last.get("status"))).append("</td>").append(td(last.get("finishedAt")))
                        .append(td(last.get("read"))).append(td(last.get("written"))).append(td(last.get("failed")))
                        .append(td(last.get("error")));
            }
            h.append(td(src.get("nextFire") == null ? "not scheduled" : src.get("nextFire"))).append("</tr>\n");
        }
        h.append("</table>\n<h2>Deliveries</h2>\n<table id=\"deliveries\"><tr><th>target</th><th>pending</th><th>oldest pending</th>"
                + "<th>delivered</th><th>refused</th><th>last error</th></tr>\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) s.get("deliveries")) {
            h.append("<tr>").append(td(t.get("target"))).append(td(t.get("pending"))).append(td(t.get("oldestPending")))
                    .append(td(t.get("delivered"))).append(td(t.get("refused"))).append(td(t.get("lastError"))).append("</tr>\n");
        }
        h.append("</table>\n<h2>Dead letters pending: <span id=\"dead-letters-pending\">").append(esc(s.get("deadLettersPending")))
                .append("</span></h2>\n<table id=\"dead-letters\"><tr><th>source</th><th>stage</th><th>reason</th><th>letters</th></tr>\n");
        for (DeadLetterStore.PendingGroup g : (List<DeadLetterStore.PendingGroup>) s.get("deadLettersByReason")) {
            h.append("<tr>").append(td(g.source())).append(td(g.stage())).append(td(g.reason())).append(td(g.count())).append("</tr>\n");
        }
        h.append("</table>\n<h2>Webhook inbox</h2>\n<p>Events waiting: <span id=\"inbox-pending\">")
                .append(esc(s.get("webhookInboxPending"))).append("</span></p>\n</body></html>\n");
        return h.toString();
    }

    private static String td(Object v) {
        return "<td>" + esc(v) + "</td>";
    }

    static String esc(Object v) {
        return v == null ? "" : Entities.escape(v.toString());
    }
}
