package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.CanonicalSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page longer than sessionsync.store.batch-size is written in several JDBC batches, none lost. */
class SessionStoreBatchSizeTest {
    @TempDir
    Path dir;

    @Test
    void a_list_longer_than_the_batch_size_is_written_whole_in_chunks() {
        try (Database db = TestDatabases.h2(dir)) {
            SessionStore store = new SessionStore(db, 3);
            List<CanonicalSession> page = new ArrayList<>();
            for (int i = 0; i < 8; i++) page.add(Sessions.full("KC" + i, Sessions.T0));

            UpsertResult first = store.upsert(page);
            UpsertResult again = store.upsert(page);

            assertThat(first.written()).extracting(CanonicalSession::sourceId)
                    .containsExactlyInAnyOrder("KC0", "KC1", "KC2", "KC3", "KC4", "KC5", "KC6", "KC7");
            assertThat(store.count()).isEqualTo(8);
            assertThat(again.written()).isEmpty();
            assertThat(again.unchanged()).isEqualTo(8);
        }
    }
}
