package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool holds messages and crash output: only its owner may read what it creates. */
class SpoolPermissionsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posix() {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Spool open(Path dir, long maxBytes) {
        return Spool.open(dir, SpoolTest.DESTINATION, maxBytes, line -> { });
    }

    @Test
    void filesAndTheDirectoryTheSpoolCreatesAreTheOwnersOnly() throws IOException {
        Path dir = tmp.resolve("made/spool");
        try (Spool left = open(dir, 64 * 1024)) {
            for (int i = 0; i < 3000; i += 50) {
                left.append(SpoolTest.docs(i, i + 50)); // over the cap: a drops file
            }
            left.commit(left.next(1, Long.MAX_VALUE)); // an ack file
        }
        try (Spool next = open(dir, 64 * 1024)) {
            next.claimOrphans(); // drain.lock
            assertEquals("rwx------", mode(dir));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    assertEquals("rw-------", mode(file), file.toString());
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(4, files.map(p -> p.getFileName().toString().replaceAll("^[0-9-]+", ""))
                        .filter(n -> n.equals(".spool") || n.equals(".spool.ack") || n.equals(Spool.DROPS)
                                || n.equals(Spool.DRAIN_LOCK)).distinct().count(), "each kind of file was checked");
            }
        }
    }

    @Test
    void anExistingDirectoryKeepsTheModeTheAdministratorGaveIt() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        try (Spool spool = open(dir, 1L << 30)) {
            spool.append(SpoolTest.docs(0, 1));
        }
        assertEquals("rwxrwx---", mode(dir));
    }

    @Test
    void theDefaultDirectoryIsMadeTheOwnersOnly() throws IOException {
        Path system = tmp.resolve("var/spool/moustash");
        assertEquals(system, SpoolDirectories.resolve(null, system, Map.of(), tmp.resolve("home")));
        assertEquals("rwx------", mode(system));
    }
}
