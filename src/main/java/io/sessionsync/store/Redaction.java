package io.sessionsync.store;

/** Removes credentials from text that may reach a log or an error message. */
final class Redaction {
    private Redaction() {}

    /** The URL with the values of {@code password}-like parameters replaced by {@code ***}. */
    static String url(String jdbcUrl) {
        if (jdbcUrl == null) return null;
        return jdbcUrl.replaceAll("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;]*", "$1***")
                .replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }

    /** The text with every occurrence of the secret replaced; the text unchanged when there is no secret. */
    static String text(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) return text;
        return text.replace(secret, "***");
    }
}
