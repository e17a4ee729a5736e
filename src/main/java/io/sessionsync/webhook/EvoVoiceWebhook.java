package io.sessionsync.webhook;

import io.sessionsync.source.evovoice.EvoVoiceSource;
import io.sessionsync.store.WebhookInbox;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/evovoice}: checks the shared-secret HMAC of the body (403 and nothing stored
 * when it is missing or wrong), parses the event (400 when it names no session), writes it to the
 * durable inbox and answers at once. The same event delivered again is stored, and processed, once.
 */
public final class EvoVoiceWebhook implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(EvoVoiceWebhook.class);

    private final EvoVoiceSignatureValidator validator;
    private final WebhookInbox inbox;

    /** @param secret the shared secret; blank: every request is refused, as none can be verified */
    public EvoVoiceWebhook(String secret, WebhookInbox inbox) {
        this.validator = secret == null || secret.isBlank() ? null : new EvoVoiceSignatureValidator(secret);
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        if (validator == null) {
            LOG.warn("Evo Voice webhook refused: sessionsync.evovoice.webhook-secret is not set");
            WebhookResponses.answer(exchange, 403, "signature cannot be checked");
            return;
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) body = new byte[0];
        EvoVoiceSignatureValidator.Verification check =
                validator.verify(body, in.getHeader(EvoVoiceSignatureValidator.HEADER, String.class));
        if (!check.valid()) {
            LOG.warn("Evo Voice webhook refused: {}", check.reason());
            WebhookResponses.answer(exchange, 403, "invalid signature");
            return;
        }
        EvoVoiceEvent event;
        try {
            event = EvoVoiceEvent.parse(body);
        } catch (EvoVoiceEvent.InvalidEventException e) {
            WebhookResponses.answer(exchange, 400, e.getMessage());
            return;
        }
        WebhookResponses.accept(exchange, inbox, EvoVoiceSource.NAME, event.eventKey(), EvoVoiceSource.OBJECT, event.sessionId());
    }
}
