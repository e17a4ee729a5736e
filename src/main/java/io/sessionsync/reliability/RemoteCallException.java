package io.sessionsync.reliability;

import java.time.Duration;
import java.util.Optional;

/**
 * A remote API answered with an error. Carries what the API said (status, its own error code,
 * message, more-info link) so the failure reason keeps it, and the {@code Retry-After} it asked for.
 * Never carries credentials or request headers.
 */
public class RemoteCallException extends RuntimeException {
    private final String system;
    private final int status;
    private final String errorCode;
    private final String moreInfo;
    private final Duration retryAfter;

    public RemoteCallException(String system, int status, String errorCode, String message, String moreInfo,
                               Duration retryAfter) {
        super(system + " answered HTTP " + status
                + (errorCode == null ? "" : " (code " + errorCode + ")")
                + (message == null ? "" : ": " + message)
                + (moreInfo == null ? "" : " [" + moreInfo + "]"));
        this.system = system;
        this.status = status;
        this.errorCode = errorCode;
        this.moreInfo = moreInfo;
        this.retryAfter = retryAfter;
    }

    public String system() { return system; }
    public int status() { return status; }
    public String errorCode() { return errorCode; }
    public String moreInfo() { return moreInfo; }
    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }
}
