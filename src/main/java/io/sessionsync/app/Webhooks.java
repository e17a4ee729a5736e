package io.sessionsync.app;

import io.sessionsync.config.Settings;
import io.sessionsync.http.HttpServers;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.WebhookInbox;
import io.sessionsync.webhook.EvoVoiceSignatureValidator;
import io.sessionsync.webhook.EvoVoiceWebhook;
import io.sessionsync.webhook.InboxWorker;
import io.sessionsync.webhook.TwilioProxyWebhook;
import io.sessionsync.webhook.TwilioSignatureValidator;
import org.apache.camel.CamelContext;

/** Binds the webhook endpoints and the inbox worker the webhook routes call, and guards their routes. */
final class Webhooks {
    /** The paths of routes/webhooks.yaml, each with the header its sender signs with. */
    static final String TWILIO_PROXY_PATH = "/webhooks/twilio/proxy";
    static final String EVOVOICE_PATH = "/webhooks/evovoice";

    private Webhooks() {}

    /** Size, concurrency and signature-header checks before a webhook's body is read (null: no HTTP server). */
    static void guard(HttpServers servers) {
        if (servers == null) return;
        servers.webhook(TWILIO_PROXY_PATH, TwilioSignatureValidator.HEADER)
                .webhook(EVOVOICE_PATH, EvoVoiceSignatureValidator.HEADER);
    }

    static void bind(CamelContext ctx, Settings settings, WebhookInbox inbox, SyncService sync, RetryPolicy retry) {
        var registry = ctx.getRegistry();
        registry.bind("twilioProxyWebhook", new TwilioProxyWebhook(settings.get(Settings.TWILIO_AUTH_TOKEN),
                settings.get(Settings.WEBHOOK_PUBLIC_BASE_URL), inbox));
        registry.bind("evoVoiceWebhook", new EvoVoiceWebhook(settings.get(Settings.EVO_WEBHOOK_SECRET), inbox));
        int workers = settings.getInt(Settings.INBOX_WORKERS);
        // Camel owns the pool, so it is shut down with the context.
        var pool = ctx.getExecutorServiceManager().newFixedThreadPool(Webhooks.class, "webhook-inbox-drain", workers);
        var fetchPool = ctx.getExecutorServiceManager().newFixedThreadPool(Webhooks.class, "webhook-inbox-fetch",
                settings.getInt(Settings.INBOX_FETCH_THREADS));
        registry.bind("inboxWorker", new InboxWorker(inbox, sync, retry, settings.getInt(Settings.INBOX_BATCH_SIZE),
                workers, pool, fetchPool));
    }
}
