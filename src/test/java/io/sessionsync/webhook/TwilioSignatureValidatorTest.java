package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Ours against Twilio's own SDK validator on the same requests. The SDK has no public signing method,
 * so the test signs as Twilio documents: HMAC-SHA1(token, url + sorted name/value pairs), Base64.
 */
class TwilioSignatureValidatorTest {
    static final String TOKEN = "12345678901234567890123456789012";
    static final String URL = "https://sync.example.com/webhooks/twilio/proxy?tenant=a%20b";

    final TwilioSignatureValidator ours = new TwilioSignatureValidator(TOKEN, "https://sync.example.com/");
    final RequestValidator twilios = new RequestValidator(TOKEN);

    static Map<String, String> callbackForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("interactionSessionSid", "KC" + "1".repeat(32));
        form.put("interactionServiceSid", "KS" + "2".repeat(32));
        form.put("interactionSid", "KI" + "3".repeat(32));
        form.put("interactionType", "message");
        form.put("inboundResourceStatus", "delivered");
        form.put("interactionData", "{\"body\":\"héllo & bye\"}");
        return form;
    }

    static String sign(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, List<String>> multi(Map<String, String> single) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        single.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    private void assertBothSay(boolean expected, String url, Map<String, String> form, String signature) {
        assertThat(twilios.validate(url, form, signature)).as("Twilio SDK").isEqualTo(expected);
        assertThat(ours.isValid(url, multi(form), signature)).as("ours").isEqualTo(expected);
    }

    @Test
    void a_correctly_signed_form_post_is_valid_for_both() throws Exception {
        assertBothSay(true, URL, callbackForm(), sign(TOKEN, URL, callbackForm()));
    }

    @Test
    void a_changed_parameter_is_rejected_by_both() throws Exception {
        String signature = sign(TOKEN, URL, callbackForm());
        Map<String, String> tampered = callbackForm();
        tampered.put("inboundResourceStatus", "failed");
        assertBothSay(false, URL, tampered, signature);
    }

    @Test
    void an_added_parameter_is_rejected_by_both() throws Exception {
        String signature = sign(TOKEN, URL, callbackForm());
        Map<String, String> tampered = callbackForm();
        tampered.put("extra", "x");
        assertBothSay(false, URL, tampered, signature);
    }

    @Test
    void a_signature_made_with_another_token_is_rejected_by_both() throws Exception {
        assertBothSay(false, URL, callbackForm(), sign("another-token-000000000000000000", URL, callbackForm()));
    }

    @Test
    void a_signature_for_another_url_is_rejected_by_both() throws Exception {
        String signature = sign(TOKEN, URL, callbackForm());
        assertBothSay(false, "https://sync.example.com/webhooks/twilio/proxy?tenant=b", callbackForm(), signature);
        assertBothSay(false, "http://sync.example.com/webhooks/twilio/proxy?tenant=a%20b", callbackForm(), signature);
    }

    @Test
    void a_missing_or_empty_signature_is_rejected_by_both() {
        assertBothSay(false, URL, callbackForm(), null);
        assertBothSay(false, URL, callbackForm(), "");
    }

    @Test
    void the_url_with_or_without_the_default_port_is_accepted_by_both() throws Exception {
        String withoutPort = "https://sync.example.com/webhooks/twilio/proxy";
        String withPort = "https://sync.example.com:443/webhooks/twilio/proxy";
        assertBothSay(true, withPort, callbackForm(), sign(TOKEN, withoutPort, callbackForm()));
        assertBothSay(true, withoutPort, callbackForm(), sign(TOKEN, withPort, callbackForm()));
        assertBothSay(true, "http://sync.example.com:80/p", Map.of(), sign(TOKEN, "http://sync.example.com/p", Map.of()));
        assertBothSay(false, "https://sync.example.com:8443/p", Map.of(), sign(TOKEN, "https://sync.example.com:443/p", Map.of()));
    }

    @Test
    void a_repeated_parameter_contributes_every_value_in_order() throws Exception {
        // Twilio's SDK takes one value per name, so this case is checked against the documented string.
        String url = "https://sync.example.com/hook";
        String expected = signRaw(url + "Aone" + "Atwo" + "Bb");
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("B", List.of("b"));
        form.put("A", List.of("one", "two"));
        assertThat(ours.isValid(url, form, expected)).isTrue();
        form.put("A", List.of("two", "one"));
        assertThat(ours.isValid(url, form, expected)).isFalse();
    }

    @Test
    void a_json_body_is_valid_when_its_hash_is_in_the_signed_url_for_both() throws Exception {
        String body = "{\"interactionSessionSid\":\"KC" + "1".repeat(32) + "\"}";
        String url = "https://sync.example.com/webhooks/twilio/proxy?bodySHA256=" + sha256(body);
        String signature = sign(TOKEN, url, Map.of());

        assertThat(twilios.validate(url, body, signature)).isTrue();
        assertThat(ours.isValidJson(url, body, signature)).isTrue();

        String tamperedBody = body.replace('1', '2');
        assertThat(twilios.validate(url, tamperedBody, signature)).isFalse();
        assertThat(ours.isValidJson(url, tamperedBody, signature)).isFalse();

        String noHash = "https://sync.example.com/webhooks/twilio/proxy";
        String noHashSignature = sign(TOKEN, noHash, Map.of());
        assertThat(twilios.validate(noHash, body, noHashSignature)).isFalse();
        assertThat(ours.isValidJson(noHash, body, noHashSignature)).isFalse();

        assertThat(twilios.validate(url, body, sign("wrong-token", url, Map.of()))).isFalse();
        assertThat(ours.isValidJson(url, body, sign("wrong-token", url, Map.of()))).isFalse();
    }

    @Test
    void the_public_url_comes_from_the_configured_base_not_the_host_the_service_sees() throws Exception {
        String url = ours.publicUrl("/webhooks/twilio/proxy", "tenant=a%20b");
        assertThat(url).isEqualTo(URL);
        assertThat(ours.isValid(url, multi(callbackForm()), sign(TOKEN, URL, callbackForm()))).isTrue();
    }

    @Test
    void a_validator_without_a_token_refuses_to_start() {
        assertThatThrownBy(() -> new TwilioSignatureValidator("", "https://x"))
                .hasMessageContaining("sessionsync.twilio.auth-token");
    }

    private static String signRaw(String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
