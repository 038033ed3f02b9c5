package io.moustash.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
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
    /** Why it could not be used last time, said once until it can be used again. */
    private String trouble;

    DrainLock(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /**
     * Takes the lock unless this spool holds it already; false when someone else does, or when it
     * cannot be used (said once, with the reason, until it can be used again).
     */
    boolean hold() {
        if (channel != null) {
            return true;
        }
        Path path = dir.resolve(Spool.DRAIN_LOCK);
        FileChannel opened = null;
        try {
            String notRegular = PrivateFiles.notRegular(path);
            if (notRegular != null) {
                unusable(path, notRegular);
                return false;
            }
            opened = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PrivateFiles.file(dir));
            trouble = null;
            if (opened.tryLock() != null) {
                channel = opened;
                return true;
            }
        } catch (OverlappingFileLockException e) {
            // Another spool of this JVM drains.
        } catch (IOException e) {
            unusable(path, PrivateFiles.reason(e));
        }
        if (opened != null) {
            closeQuietly(opened);
        }
        return false;
    }

    private void unusable(Path path, String reason) {
        if (!reason.equals(trouble)) {
            trouble = reason;
            warnings.accept("spool " + dir + ": cannot use " + path + " (" + reason + "): files left by "
                    + "other runs are not delivered until it can be locked");
        }
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
