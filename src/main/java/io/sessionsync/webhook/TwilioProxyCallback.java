package io.sessionsync.webhook;

import io.sessionsync.source.twilio.TwilioSids;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One verified Twilio Proxy CallbackUrl post. Proxy sends interaction events, not session states, so
 * the event is only a hint: fetch the session it names. The inbox key is not made here: it is a
 * digest of what Twilio signed ({@link TwilioProxyWebhook}), never of an unsigned header.
 *
 * @param sessionSid      {@code interactionSessionSid}, always a valid KC SID
 * @param serviceSid      {@code interactionServiceSid}, or null when Twilio did not send it
 * @param interactionSid  {@code interactionSid}, or null
 * @param interactionType {@code interactionType} (message, voice, unknown), or null
 * @param inboundStatus   {@code inboundResourceStatus}, or null
 * @param outboundStatus  {@code outboundResourceStatus}, or null
 */
public record TwilioProxyCallback(String sessionSid, String serviceSid, String interactionSid, String interactionType,
                                  String inboundStatus, String outboundStatus) {

    private static final Pattern INTERACTION = Pattern.compile("^KI[0-9a-fA-F]{32}$");

    /** A callback that cannot be acted on; the message says which field and why (never the payload). */
    public static final class Rejected extends IllegalArgumentException {
        public Rejected(String message) { super(message); }
    }

    /**
     * @param form the POST's parameters (already signature-checked): the form of a form post, or the
     *             top-level fields of a JSON body ({@link JsonFields})
     */
    public static TwilioProxyCallback parse(Map<String, List<String>> form) {
        if (form == null) throw new Rejected("Twilio Proxy callback: empty form");
        String session = single(form, "interactionSessionSid");
        if (session == null) {
            throw new Rejected("Twilio Proxy callback: interactionSessionSid is missing");
        }
        if (!TwilioSids.isSession(session)) {
            throw new Rejected("Twilio Proxy callback: interactionSessionSid '" + abbreviate(session)
                    + "' is not a session SID (KC followed by 32 hex digits)");
        }
        String service = single(form, "interactionServiceSid");
        if (service != null && !TwilioSids.isService(service)) {
            throw new Rejected("Twilio Proxy callback: interactionServiceSid '" + abbreviate(service)
                    + "' is not a service SID (KS followed by 32 hex digits)");
        }
        String interaction = single(form, "interactionSid");
        if (interaction != null && !INTERACTION.matcher(interaction).matches()) {
            throw new Rejected("Twilio Proxy callback: interactionSid '" + abbreviate(interaction)
                    + "' is not an interaction SID (KI followed by 32 hex digits)");
        }
        String inbound = single(form, "inboundResourceStatus");
        String outbound = single(form, "outboundResourceStatus");
        return new TwilioProxyCallback(session, service, interaction, single(form, "interactionType"),
                inbound, outbound);
    }

    /** The id to hand {@code TwilioProxySource.fetch("Session", id)}: service-qualified when known. */
    public String fetchId() {
        return serviceSid == null ? sessionSid : serviceSid + "/" + sessionSid;
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) return null;
        String v = values.get(0);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String abbreviate(String s) { return s.length() > 40 ? s.substring(0, 40) + "..." : s; }
}
