package io.sessionsync.model;

/** Whether the session was handled by a person or by a bot. */
public enum AgentType { HUMAN, BOT, UNKNOWN }
