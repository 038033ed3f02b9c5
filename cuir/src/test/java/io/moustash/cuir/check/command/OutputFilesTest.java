package io.moustash.cuir.check.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The plugins' output files: private, one pair per run, read within bounds, gone at close. */
class OutputFilesTest {

    @Test
    void eachRunHasItsOwnFilesInAPrivateDirectoryRemovedAtClose() throws IOException {
        OutputFiles files = new OutputFiles();
        OutputFiles.Run a = files.next();
        OutputFiles.Run b = files.next();
        Path dir = a.out().getParent();
        assertNotEquals(a.out(), b.out());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Files.writeString(a.out(), "0123456789");
        assertEquals("0123", OutputFiles.read(a.out(), 4), "read within its bound");
        assertEquals("", OutputFiles.read(a.err(), 4), "a file the plugin never wrote reads empty");
        a.delete();
        assertFalse(Files.exists(a.out()));
        Files.writeString(b.err(), "left over");
        files.close();
        assertFalse(Files.exists(dir), "close removes the directory and what is left in it");
        assertThrows(IOException.class, files::next);
    }

    @Test
    void aDirectoryRemovedByATemporaryFileCleanerIsMadeAgain() throws IOException {
        OutputFiles files = new OutputFiles();
        try {
            Path first = files.next().out().getParent();
            Files.delete(first);
            Path second = files.next().out().getParent();
            assertTrue(Files.isDirectory(second));
        } finally {
            files.close();
        }
    }
}
