package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvoVoiceSignatureValidatorTest {
    static final String SECRET = "canary-secret-5f1c2a9e";
    static final byte[] BODY = "{\"sessionId\":\"abc\",\"eventId\":\"ev-1\",\"type\":\"session.updated\"}"
            .getBytes(StandardCharsets.UTF_8);
    final EvoVoiceSignatureValidator validator = new EvoVoiceSignatureValidator(SECRET);

    @Test
    void should_accept_a_body_signed_with_the_shared_secret() {
        assertThat(validator.verify(BODY, EvoVoiceSignatureValidator.sign(BODY, SECRET)).valid()).isTrue();
    }

    @Test
    void should_agree_with_a_known_hmac_sha256_vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(EvoVoiceSignatureValidator.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void should_accept_uppercase_hex_and_prefix() {
        String sig = EvoVoiceSignatureValidator.sign(BODY, SECRET).toUpperCase();
        assertThat(validator.verify(BODY, sig).valid()).isTrue();
    }

    @Test
    void should_reject_a_tampered_body() {
        String sig = EvoVoiceSignatureValidator.sign(BODY, SECRET);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("abc", "abd").getBytes(StandardCharsets.UTF_8);
        var v = validator.verify(tampered, sig);
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("does not match");
    }

    @Test
    void should_reject_a_signature_made_with_another_secret() {
        var v = validator.verify(BODY, EvoVoiceSignatureValidator.sign(BODY, "another-secret-of-16+"));
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("does not match").doesNotContain(SECRET);
    }

    @Test
    void should_reject_a_missing_header() {
        assertThat(validator.verify(BODY, null)).isEqualTo(new EvoVoiceSignatureValidator.Verification(false,
                "missing X-EvoVoice-Signature header"));
        assertThat(validator.verify(BODY, " ").valid()).isFalse();
    }

    @Test
    void should_reject_malformed_headers_with_the_reason() {
        String hex = EvoVoiceSignatureValidator.sign(BODY, SECRET).substring("sha256=".length());
        assertThat(validator.verify(BODY, hex).reason()).contains("must start with 'sha256='");
        assertThat(validator.verify(BODY, "sha1=" + hex).reason()).contains("must start with 'sha256='");
        assertThat(validator.verify(BODY, "sha256=" + hex.substring(2)).reason()).contains("64 hex digits");
        assertThat(validator.verify(BODY, "sha256=" + "zz" + hex.substring(2)).reason()).contains("64 hex digits");
    }

    @Test
    void should_refuse_missing_or_short_secrets_without_echoing_them() {
        assertThatThrownBy(() -> new EvoVoiceSignatureValidator(null)).hasMessageContaining("secret is required");
        assertThatThrownBy(() -> new EvoVoiceSignatureValidator("short-canary"))
                .hasMessageContaining("at least 16").hasMessageNotContaining("short-canary");
    }
}
