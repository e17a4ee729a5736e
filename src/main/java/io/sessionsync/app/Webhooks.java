package io.sessionsync.app;

import io.sessionsync.config.Settings;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.WebhookInbox;
import io.sessionsync.webhook.EvoVoiceWebhook;
import io.sessionsync.webhook.InboxWorker;
import io.sessionsync.webhook.TwilioProxyWebhook;
import org.apache.camel.CamelContext;

/** Binds the webhook endpoints and the inbox worker the webhook routes call. */
final class Webhooks {
    private Webhooks() {}

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
