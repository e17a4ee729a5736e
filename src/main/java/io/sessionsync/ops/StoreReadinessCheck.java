package io.sessionsync.ops;

import io.sessionsync.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: down while the store does not answer {@code SELECT 1}. Without the store nothing can be
 * written or dead-lettered, so a load balancer should send webhooks elsewhere. The message names the
 * failure class only: a driver's text can carry the URL.
 */
public final class StoreReadinessCheck extends AbstractHealthCheck {
    private final Database db;

    public StoreReadinessCheck(Database db) {
        super("sessionsync", "store");
        this.db = db;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            builder.up();
        } catch (Exception e) {
            builder.message("the store does not answer: " + e.getClass().getSimpleName()).down();
        }
    }
}
