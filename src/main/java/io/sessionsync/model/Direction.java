package io.sessionsync.model;

/** Who started the session: the customer (INBOUND) or the contact centre (OUTBOUND). */
public enum Direction { INBOUND, OUTBOUND, UNKNOWN }
