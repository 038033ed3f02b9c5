package io.moustash.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The {@value Spool#DRAIN_LOCK} file lock: whoever holds it takes over orphaned files and reports
 * drops, so that one dead process's files are sent in order and each drop is reported once.
 *
 * <p><b>Locking:</b> not thread-safe by itself; its {@link Spool} calls it with the spool's monitor
 * held. Across processes the {@link java.nio.channels.FileLock} decides; another spool of this JVM
 * holding it ({@link OverlappingFileLockException}) counts as held by someone else.
 */
final class DrainLock {
    private final Path dir;
    private final Consumer<String> warnings;
    private FileChannel channel;

    DrainLock(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** Takes the lock unless this spool holds it already; false when someone else does (or it cannot be opened). */
    boolean hold() {
        if (channel != null) {
            return true;
        }
        FileChannel opened = null;
        try {
            opened = FileChannel.open(dir.resolve(Spool.DRAIN_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (opened.tryLock() != null) {
                channel = opened;
                return true;
            }
        } catch (OverlappingFileLockException e) {
            // Another spool of this JVM drains.
        } catch (IOException e) {
            warnings.accept("spool " + dir + ": cannot lock " + Spool.DRAIN_LOCK + ": " + e.getMessage());
        }
        if (opened != null) {
            closeQuietly(opened);
        }
        return false;
    }

    /** Lets go of the lock if held. */
    void release() {
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing only releases the lock.
        }
    }
}
