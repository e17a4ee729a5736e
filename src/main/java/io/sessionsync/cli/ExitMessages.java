package io.sessionsync.cli;

import io.sessionsync.config.SettingsException;
import io.sessionsync.http.PortUnavailableException;
import io.sessionsync.mapping.MappingException;

/** Turns a start-up failure into the one line an operator needs: the file, setting or system, and why. */
final class ExitMessages {
    private ExitMessages() {}

    /**
     * 2 for a problem of the configuration (a setting, a mapping file: fix it and start again), 1 for
     * anything else that stopped the command (a port in use, a system unreachable).
     */
    static int exitCode(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PortUnavailableException) return 1;
            if (t instanceof MappingException || t instanceof SettingsException) return 2;
        }
        return 1;
    }

    static String describe(Throwable ex) {
        String inUse = StoreInUse.describe(ex);
        if (inUse != null) return inUse;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof MappingException m) return "bad mapping file " + m.getMessage();
            if (t instanceof SettingsException s) return s.getMessage();
            if (t instanceof PortUnavailableException p) return p.getMessage();
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return root == ex ? msg : msg + " (cause: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
    }
}
