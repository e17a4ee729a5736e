package io.sessionsync.config;

/** A setting with a bad value: start-up stops, naming the setting and why, never a secret's value. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
