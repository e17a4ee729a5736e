package io.sessionsync.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, runs, dead letters and inbox on an H2 file database in a temp folder. */
class H2StateStoresTest extends StateStoresContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2(dir);
    }
}
