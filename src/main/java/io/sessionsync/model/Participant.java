package io.sessionsync.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One party in a session: a customer, an agent, a transfer target. All parts may be null.
 * {@code identity} is how the party is reached (a real phone number, a client id);
 * {@code proxyIdentity} is the number a masking service (Twilio Proxy) shows the other side in its
 * place, kept apart so the two are never mistaken for one another. Left out of the stored JSON when
 * null, so sources without one store as before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participant(String identity, String name, String role, String proxyIdentity) {

    public Participant(String identity, String name, String role) {
        this(identity, name, role, null);
    }
}
