package io.moustash.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The spool's size cap ({@code spool_max_bytes}) and the record of what it dropped
 * ({@value Spool#DROPS}) until someone reports it.
 *
 * <p><b>Cap:</b> before a write, the oldest files this process may touch (its own, claimed ones,
 * and files no live process holds, whatever their destination: the cap is the directory's) are
 * dropped whole until the new records fit. Entries that cannot be opened are gone past. Other processes'
 * bytes are counted from a directory listing at most {@value #FOREIGN_SCAN_NANOS} ns old, and
 * afresh before anything is dropped.
 *
 * <p><b>Locking:</b> not thread-safe by itself. Every method is called by its {@link Spool} with the
 * spool's monitor held (its methods are synchronized), which also guards the fields here. The
 * drops file is shared with other processes and with the other spools of this JVM: it is read and
 * written under the static {@code DROPS_MONITOR} (a {@link FileLock} is held per process, not per
 * thread), then an exclusive {@link FileLock} on the file.
 */
final class SpoolCap {
    /** How stale the count of other processes' bytes may get before the cap is checked against a fresh listing. */
    private static final long FOREIGN_SCAN_NANOS = 1_000_000_000L;
    /** FileLock is held per process, not per thread: spools of one JVM take turns on the drops file here. */
    private static final Object DROPS_MONITOR = new Object();

    private final Spool spool;
    private final Path dir;
    private final long maxBytes;
    private final Consumer<String> warnings;
    private long foreignBytes;
    private long foreignScannedAt = System.nanoTime() - FOREIGN_SCAN_NANOS;
    /** The drops file's length when {@link #pendingDrops} read it; -1 while no report is out. */
    private long dropsLength = -1;
    private boolean dropWarned;

    SpoolCap(Spool spool, Path dir, long maxBytes, Consumer<String> warnings) {
        this.spool = spool;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.warnings = warnings;
    }

    /** Drops the oldest files this process may touch until {@code incoming} more bytes fit under the cap. */
    void makeRoom(long incoming) throws IOException {
        if (spool.ownedBytes() + foreignBytes(false) + incoming <= maxBytes) {
            return;
        }
        if (spool.ownedBytes() + foreignBytes(true) + incoming <= maxBytes) {
            return;
        }
        DropReport dropped = null;
        for (Path path : spool.listSegments()) {
            if (spool.ownedBytes() + foreignBytes + incoming <= maxBytes) {
                break;
            }
            Segment segment = spool.find(path);
            if (segment == null) {
                segment = spool.claimFree(path);
                if (segment == null) {
                    continue;
                }
                foreignBytes -= segment.end();
            }
            DropReport report = spool.drop(segment);
            dropped = report == null ? dropped : report.plus(dropped);
        }
        if (dropped != null) {
            recordDrops(dropped);
            if (!dropWarned) {
                // Once per outage: the drop report event gives the total when delivery resumes.
                dropWarned = true;
                warnings.accept("spool " + dir + ": spool_max_bytes (" + maxBytes + ") reached, dropping the "
                        + "oldest events (" + dropped.count() + " so far); an event will report how many");
            }
        }
    }

    private long foreignBytes(boolean fresh) throws IOException {
        if (fresh || System.nanoTime() - foreignScannedAt >= FOREIGN_SCAN_NANOS) {
            long bytes = 0;
            for (Path path : spool.listSegments()) {
                if (!spool.holds(path)) {
                    try {
                        bytes += Files.size(path);
                    } catch (NoSuchFileException e) {
                        // Delivered and deleted by its holder meanwhile.
                    }
                }
            }
            foreignBytes = bytes;
            foreignScannedAt = System.nanoTime();
        }
        return foreignBytes;
    }

    /** See {@link Spool#pendingDrops}; the spool checked it is open. */
    DropReport pendingDrops() {
        if (!dropsWaiting() || !spool.holdDrainLock()) {
            return null;
        }
        synchronized (DROPS_MONITOR) {
            try (FileChannel channel = FileChannel.open(dir.resolve(Spool.DROPS), StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS); FileLock lock = channel.lock()) {
                long size = channel.size();
                RecordReader reader = new RecordReader(channel, dir.resolve(Spool.DROPS), warnings);
                DropReport total = null;
                for (RecordReader.Next next = reader.read(0, size); next != null; next = reader.read(next.position(), size)) {
                    if (next.record().type() == Record.DROPPED) {
                        total = next.record().asDropReport().plus(total);
                    }
                }
                if (total == null) {
                    channel.truncate(0);
                    spool.releaseDrainLockIfIdle();
                } else {
                    dropsLength = size;
                }
                return total;
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new SpoolException("spool " + dir + ": cannot read " + Spool.DROPS + ": " + e.getMessage(), e);
            }
        }
    }

    /** See {@link Spool#clearDrops}; the spool checked it is open. */
    void clearDrops() {
        if (dropsLength < 0) {
            return;
        }
        synchronized (DROPS_MONITOR) {
            try (FileChannel channel = FileChannel.open(dir.resolve(Spool.DROPS), StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS); FileLock lock = channel.lock()) {
                long size = channel.size();
                ByteBuffer since = ByteBuffer.allocate((int) Math.max(0, size - dropsLength));
                while (since.hasRemaining() && channel.read(since, dropsLength + since.position()) >= 0) {
                    // read what other processes appended since pendingDrops
                }
                channel.truncate(0);
                channel.write(since.flip(), 0);
                channel.force(false);
            } catch (NoSuchFileException e) {
                // Nothing left to clear.
            } catch (IOException e) {
                throw new SpoolException("spool " + dir + ": cannot update " + Spool.DROPS + ": " + e.getMessage(), e);
            } finally {
                dropsLength = -1;
                dropWarned = false;
                spool.releaseDrainLockIfIdle();
            }
        }
    }

    /** Whether a report from {@link #pendingDrops} is out and not cleared yet: the drain lock stays held. */
    boolean reportOut() {
        return dropsLength >= 0;
    }

    /** Whether {@value Spool#DROPS} holds something; one that is not a regular file is said once and holds nothing. */
    boolean dropsWaiting() {
        Path drops = dir.resolve(Spool.DROPS);
        try {
            BasicFileAttributes attributes = Files.readAttributes(drops, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                spool.skipping(drops, "not a regular file");
                return false;
            }
            return attributes.size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void recordDrops(DropReport report) throws IOException {
        synchronized (DROPS_MONITOR) {
            try (FileChannel channel = FileChannel.open(dir.resolve(Spool.DROPS), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.file(dir));
                    FileLock lock = channel.lock()) {
                Record record = Record.dropped(System.currentTimeMillis(), report);
                ByteBuffer buffer = ByteBuffer.allocate(record.size());
                record.writeTo(buffer);
                channel.write(buffer.flip(), channel.size());
                channel.force(false);
            }
        }
    }
}
