package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void theSystemDirectoryWhenWritable() {
        Path system = tmp.resolve("var/spool/moustash");
        assertEquals(system, SpoolDirectories.resolve(null, system, Map.of(), tmp.resolve("home")));
        assertTrue(Files.isDirectory(system));
    }

    @Test
    void elseTheUsersStateDirectory() throws Exception {
        Path blocked = Files.createFile(tmp.resolve("not-a-dir")).resolve("moustash");
        assertEquals(tmp.resolve("state/moustash"), SpoolDirectories.resolve(null, blocked,
                Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()), tmp.resolve("home")));
        assertEquals(tmp.resolve("home/.local/state/moustash"),
                SpoolDirectories.resolve(null, blocked, Map.of(), tmp.resolve("home")));
    }

    @Test
    void aConfiguredDirectoryThatCannotBeWrittenIsAConfigurationError() throws Exception {
        Path blocked = Files.createFile(tmp.resolve("file")).resolve("spool");
        SpoolException e = assertThrows(SpoolException.class,
                () -> SpoolDirectories.resolve(blocked, tmp, Map.of(), tmp));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("spool_dir " + blocked + ": "), e.getMessage());
    }

    @Test
    void theEnvironmentNamesTheDefaultBeforeTheSystemDirectory() {
        Path system = tmp.resolve("var/spool/moustash");
        Path named = tmp.resolve("suite-spool");
        assertEquals(named, SpoolDirectories.resolve(null, system,
                Map.of("MOUSTASH_SPOOL_DIR", named.toString()), tmp.resolve("home")));
        assertTrue(Files.isDirectory(named));
        Path configured = tmp.resolve("configured");
        assertEquals(configured, SpoolDirectories.resolve(configured, system,
                Map.of("MOUSTASH_SPOOL_DIR", named.toString()), tmp.resolve("home")));
    }

    @Test
    void theCandidatesAreResolvesChoicesInItsOrderAndNoneIsMade() {
        Path system = tmp.resolve("var/spool/moustash");
        Path home = tmp.resolve("home");
        assertEquals(List.of(system, home.resolve(".local/state/moustash")),
                SpoolDirectories.candidates(null, system, Map.of(), home));
        assertEquals(List.of(system, tmp.resolve("state/moustash")),
                SpoolDirectories.candidates(null, system, Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()), home));
        assertEquals(List.of(tmp.resolve("suite")),
                SpoolDirectories.candidates(null, system, Map.of("MOUSTASH_SPOOL_DIR", tmp.resolve("suite").toString()), home));
        assertEquals(List.of(tmp.resolve("configured")), SpoolDirectories.candidates(tmp.resolve("configured"), system,
                Map.of("MOUSTASH_SPOOL_DIR", tmp.resolve("suite").toString()), home));
        assertFalse(Files.exists(system) || Files.exists(home) || Files.exists(tmp.resolve("suite")));
    }
}
