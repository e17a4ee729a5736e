package io.sessionsync.mapping;

/**
 * A mapping file that cannot be used: start-up stops with it. The message always reads
 * {@code <file>:<line>: <reason>}.
 */
public class MappingException extends RuntimeException {
    private final String file;
    private final int line;
    private final String reason;

    public MappingException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() { return file; }
    public int line() { return line; }
    public String reason() { return reason; }
}
