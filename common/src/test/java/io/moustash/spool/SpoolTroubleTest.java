package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the spool does about entries it cannot use and writes that fail: skip, say so once, go on. */
class SpoolTroubleTest {
    @TempDir
    Path dir;
    private OpenSpools spools;
    private List<String> warnings;

    @BeforeEach
    void openSpools() {
        spools = new OpenSpools(dir);
        warnings = spools.warnings;
    }

    @AfterEach
    void closeAll() {
        spools.close();
    }

    private Spool spool(long maxBytes) {
        return spools.open(SpoolTest.DESTINATION, maxBytes);
    }

    private Spool spool() {
        return spool(1L << 30);
    }

    /** A file left by an earlier run holding {@code docs(from, to)}. */
    private void leftFile(int from, int to) {
        spools.leftFile(SpoolTest.DESTINATION, from, to);
    }

    private List<Path> spoolFiles() throws IOException {
        return spools.files();
    }

    @Test
    void aDirectoryNamedLikeASpoolFileIsSkippedWithOneLineAndTheOthersDelivered() throws IOException {
        Path impostor = Files.createDirectory(dir.resolve("0000000000001-4-000001.spool"));
        leftFile(0, 3);
        Spool spool = spool();
        assertEquals(1, spool.claimOrphans());
        assertEquals(SpoolTest.expected(0, 3), SpoolTest.drain(spool));
        leftFile(3, 5);
        assertEquals(1, spool.claimOrphans(), "every scan goes past it");
        assertEquals(SpoolTest.expected(3, 5), SpoolTest.drain(spool), "nothing is handed out twice");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(impostor.toString()) && warnings.get(0).contains("not a regular file"),
                warnings.get(0));
    }

    @Test
    void theCapGoesPastADirectoryNamedLikeASpoolFile() {
        Path impostor = dir.resolve("0000000000001-4-000001.spool");
        try {
            Files.createDirectory(impostor);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Spool spool = spool(64 * 1024);
        for (int i = 0; i < 5000; i += 50) {
            spool.append(SpoolTest.docs(i, i + 50));
        }
        assertTrue(Files.isDirectory(impostor), "left alone");
        assertEquals(1, warnings.stream().filter(w -> w.contains(impostor.toString())).count(), warnings.toString());
    }

    @Test
    void aFileThatCannotBeOpenedIsSkippedWithOneLineAndTheOthersDelivered() throws Exception {
        leftFile(0, 3);
        Path locked = spoolFiles().get(0);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // Permissions do not bite root; an immutable file (ext4, xfs) refuses it as well.
            assumeTrue(new ProcessBuilder("chattr", "+i", locked.toString()).start().waitFor() == 0,
                    "chattr +i is not available here");
        } else {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        }
        try {
            leftFile(3, 5);
            Spool spool = spool();
            assertEquals(1, spool.claimOrphans());
            assertEquals(SpoolTest.expected(3, 5), SpoolTest.drain(spool));
            leftFile(5, 6);
            assertEquals(1, spool.claimOrphans());
            assertEquals(SpoolTest.expected(5, 6), SpoolTest.drain(spool));
            assertEquals(1, warnings.size(), warnings.toString());
            String reason = root ? "operation not permitted" : "permission denied";
            assertTrue(warnings.get(0).contains(locked.toString()) && warnings.get(0).toLowerCase().contains(reason),
                    warnings.get(0));
        } finally {
            if (root) {
                new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
            } else {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    @Test
    void aDrainLockThatIsADirectoryIsSaidOnceAndTheSpoolStillWorks() throws IOException {
        leftFile(0, 3);
        Files.createDirectory(dir.resolve(Spool.DRAIN_LOCK));
        Spool spool = spool();
        assertEquals(0, spool.claimOrphans(), "nobody may take over files without the drain lock");
        assertEquals(0, spool.claimOrphans());
        spool.append(SpoolTest.docs(10, 12));
        assertEquals(SpoolTest.expected(10, 12), SpoolTest.drain(spool), "its own events still go");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(Spool.DRAIN_LOCK) && warnings.get(0).contains("not a regular file"),
                warnings.get(0));
    }

    @Test
    void aDeliveryThatCannotBeRecordedIsNotHandedOutAgainAndSaidOnce() throws IOException {
        Spool spool = spool();
        spool.append(SpoolTest.docs(0, 10));
        Path ack = Segment.ackPath(spoolFiles().get(0));
        Files.createDirectory(ack); // as good as a full disk for writing the ack file
        SpoolBatch first = spool.next(4, Long.MAX_VALUE);
        spool.commit(first);
        SpoolBatch second = spool.next(4, Long.MAX_VALUE);
        assertEquals(SpoolTest.expected(4, 8), second.documents().stream().map(String::new).toList(),
                "a delivered batch is never handed out again by this process");
        spool.commit(second);
        assertEquals(SpoolTest.expected(8, 10), SpoolTest.drain(spool));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(ack.toString()), warnings.get(0));
        assertEquals(List.of(), spoolFiles(), "the delivered file is gone all the same");
    }

    @Test
    void aSpoolDirectoryRemovedWhileEventsWereOutIsMadeAgainByTheNextWrite() throws IOException {
        Spool spool = spool();
        spool.append(SpoolTest.docs(0, 10));
        SpoolBatch out = spool.next(4, Long.MAX_VALUE);
        removeAll(dir);
        spool.commit(out);
        assertEquals(SpoolTest.expected(4, 10), SpoolTest.drain(spool), "what was handed out is not handed out again");
        spool.claimOrphans();
        spool.append(SpoolTest.docs(10, 12));
        assertTrue(Files.isDirectory(dir), "the write made the directory again");
        assertEquals(1, spoolFiles().size());
        assertEquals(SpoolTest.expected(10, 12), SpoolTest.drain(spool));
        spool.append(SpoolTest.docs(12, 13));
        assertEquals(SpoolTest.expected(12, 13), SpoolTest.drain(spool));
        assertEquals(warnings.stream().distinct().count(), warnings.size(), "nothing said twice: " + warnings);
        assertTrue(warnings.size() <= 2, "at most: progress cannot be recorded, the directory was made again: " + warnings);
    }

    private static void removeAll(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
