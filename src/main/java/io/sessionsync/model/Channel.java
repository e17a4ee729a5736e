package io.sessionsync.model;

/** How a session reached the contact centre. The source's own wording is kept in {@code channelDetail}. */
public enum Channel { VOICE, VIDEO, MESSAGING, CHAT, IN_PERSON, UNKNOWN }
