package io.sessionsync.model;

/** Where a session is in its life. The source's own wording is kept in {@code sourceStatus}. */
public enum SessionStatus { NEW, WAITING, ACTIVE, ON_HOLD, ENDED, FAILED, UNKNOWN }
