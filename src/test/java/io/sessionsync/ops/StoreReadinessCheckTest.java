package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.store.Database;
import io.sessionsync.store.StoreSettings;
import java.nio.file.Path;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreReadinessCheckTest {

    @Test
    void ready_while_the_store_answers_and_down_once_it_does_not(@TempDir Path dir) throws Exception {
        Database db = Database.open(new StoreSettings("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(), "sa", "", 2));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            StoreReadinessCheck check = new StoreReadinessCheck(db);
            check.setCamelContext(camel);
            assertThat(check.isReadiness()).isTrue();
            assertThat(check.isLiveness()).isFalse();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

            db.close();

            HealthCheck.Result down = check.call();
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("the store does not answer"));
        }
    }
}
