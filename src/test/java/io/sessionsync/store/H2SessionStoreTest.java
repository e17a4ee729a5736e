package io.sessionsync.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SessionStore on an H2 file database in a temp folder. */
class H2SessionStoreTest extends SessionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2(dir);
    }
}
