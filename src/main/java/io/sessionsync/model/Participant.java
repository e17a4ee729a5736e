package io.sessionsync.model;

/** One party in a session: a customer, an agent, a transfer target. All parts may be null. */
public record Participant(String identity, String name, String role) {}
