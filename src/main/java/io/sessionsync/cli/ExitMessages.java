package io.sessionsync.cli;

import io.sessionsync.config.SettingsException;
import io.sessionsync.mapping.MappingException;

/** Turns a start-up failure into the one line an operator needs: the file, setting or system, and why. */
final class ExitMessages {
    private ExitMessages() {}

    static String describe(Throwable ex) {
        String inUse = StoreInUse.describe(ex);
        if (inUse != null) return inUse;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof MappingException m) return "bad mapping file " + m.getMessage();
            if (t instanceof SettingsException s) return s.getMessage();
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return root == ex ? msg : msg + " (cause: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
    }
}
