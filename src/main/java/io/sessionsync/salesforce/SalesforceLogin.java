package io.sessionsync.salesforce;

import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.SalesforceSession;

/**
 * Logs in to Salesforce before a call needs it, under the retry policy, and names the login URL and its
 * setting when that fails. camel-salesforce's own lazy login tries once and reports only
 * "Unexpected login error: Connection refused", without a host or a setting, and without a retry.
 */
public final class SalesforceLogin {
    /** The setting an operator fixes when the login host is wrong or unreachable. */
    public static final String LOGIN_URL_SETTING = "sessionsync.salesforce.login-url";

    /** Leaves the login to camel-salesforce (tests that build the component themselves). */
    public static final SalesforceLogin LAZY = new SalesforceLogin(null, null, null);

    /**
     * How the login is attempted: the retry policy's {@code call} (which retries transient failures
     * only). An interface, so that this package does not depend on the reliability package.
     */
    @FunctionalInterface
    public interface Attempts {
        <T> T call(String what, Callable<T> call) throws Exception;
    }

    private final CamelContext ctx;
    private final String loginUrl;
    private final Attempts attempts;

    public SalesforceLogin(CamelContext ctx, String loginUrl, Attempts attempts) {
        this.ctx = ctx;
        this.loginUrl = loginUrl;
        this.attempts = attempts;
    }

    /** Logs in unless a session is held; a connection failure is retried, a refusal is not. */
    public void ensure() throws Exception {
        if (ctx == null) return;
        SalesforceSession session = ctx.getComponent(SalesforceComponentFactory.COMPONENT, SalesforceComponent.class).getSession();
        if (session == null || session.getAccessToken() != null) return;
        synchronized (this) {
            if (session.getAccessToken() != null) return;
            try {
                attempts.call("Salesforce login at " + loginUrl, () -> session.login(null));
            } catch (Exception e) {
                throw failed(e);
            }
        }
    }

    /** The failure, its message naming the URL and the setting; its kind (transient or not) kept by the cause. */
    private SalesforceLoginException failed(Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SalesforceLoginException("Salesforce login at " + loginUrl + " failed (check " + LOGIN_URL_SETTING
                + " and the client credentials): " + reason, e);
    }

    /**
     * A failed login. Not a SalesforceException: the classifier reads one without an HTTP status as
     * "no answer, retry", which would turn a refused login (bad credentials) into a transient failure.
     */
    public static final class SalesforceLoginException extends Exception {
        SalesforceLoginException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
