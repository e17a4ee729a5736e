package io.sessionsync.store;

/** A claimed webhook event; {@code attempts} counts claims so far, this one included. */
public record InboxEvent(long id, String source, String eventKey, String payload, int attempts) {}
