package io.moustash.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A durable, append-only spool of encoded events in one directory, shared safely by any number of
 * processes (a Cuir, a Fouet, many PanPans).
 *
 * <p><b>Files:</b> each process appends to its own files, {@code MILLIS-PID-SEQ.spool}, each held
 * under an exclusive {@link FileLock} from creation until it is delivered and deleted. A file whose
 * lock is free was left by a process that finished or died; {@link #claimOrphans} takes such files
 * over (one process at a time, under {@code drain.lock}, so that one dead process's files are sent
 * in order). {@value #DROPS} keeps what the size cap dropped until someone reports it.
 *
 * <p><b>Durability:</b> {@link #append} returns only after the records were written and forced to
 * disk ({@code FileChannel.force}); {@link #write} then {@link #sync} does the same in two steps so
 * that many writes share one fsync. Records are only ever appended, so a crash can leave at most a
 * torn last record, which the reader detects by its checksum and skips with a warning.
 *
 * <p><b>Size:</b> at {@code maxBytes} the oldest files this process may touch are dropped whole
 * (each file holds at most a sixteenth of the cap) and the drop is written to {@value #DROPS}.
 * Files that live processes are writing cannot be dropped, so the directory may exceed the cap by
 * at most one file per such process.
 *
 * <p><b>Threads:</b> thread-safe; every method is synchronized. {@link #append} may block for an
 * fsync (about 0.1 ms on an SSD).
 */
public final class Spool implements AutoCloseable {
    public static final String DRAIN_LOCK = "drain.lock";
    public static final String DROPS = "dropped.records";
    /** Files are cut at a sixteenth of the cap, so dropping the oldest frees room in small steps. */
    static final int SEGMENTS_PER_CAP = 16;
    static final long MIN_SEGMENT_BYTES = 4 * 1024;
    static final long MAX_SEGMENT_BYTES = 4 * 1024 * 1024;
    /** How stale the count of other processes' bytes may get before the cap is checked against a fresh listing. */
    private static final long FOREIGN_SCAN_NANOS = 1_000_000_000L;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** FileLock is held per process, not per thread: spools of one JVM take turns on the drops file here. */
    private static final Object DROPS_MONITOR = new Object();

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Consumer<String> warnings;
    private final long pid = ProcessHandle.current().pid();
    /** This process's files, oldest first; the last one is {@link #active} when that is set. */
    private final List<Segment> own = new ArrayList<>();
    private Segment active;
    /** Files written to since the last {@link #sync}. */
    private final List<Segment> unsynced = new ArrayList<>();
    /** Other writers' files this process took over, oldest first. */
    private final List<Segment> claimed = new ArrayList<>();
    private FileChannel drainLockChannel;
    private long lastMillis;
    private long foreignBytes;
    private long foreignScannedAt = System.nanoTime() - FOREIGN_SCAN_NANOS;
    private long dropsLength = -1;
    private boolean dropWarned;
    private boolean closed;

    private Spool(Path dir, long maxBytes, Consumer<String> warnings) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / SEGMENTS_PER_CAP));
        this.warnings = warnings;
    }

    /**
     * Opens the spool in {@code dir}, creating the directory. Nothing is locked or written until the
     * first {@link #append} or {@link #claimOrphans}.
     *
     * @param warnings receives one line per damaged record skipped
     */
    public static Spool open(Path dir, long maxBytes, Consumer<String> warnings) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot create the directory: " + e.getMessage(), e);
        }
        return new Spool(dir, maxBytes, warnings);
    }

    public Path directory() {
        return dir;
    }

    /** Appends {@code documents} in order and forces them to disk before returning. */
    public void append(List<byte[]> documents) {
        write(documents);
        sync();
    }

    /**
     * Appends {@code documents} in order without waiting for the disk: they are durable after the
     * next {@link #sync}. Readers of this spool see them at once. Lets a stream of single events
     * share one fsync.
     */
    public synchronized void write(List<byte[]> documents) {
        checkOpen();
        if (documents.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<Record> records = new ArrayList<>(documents.size());
        long bytes = 0;
        for (byte[] document : documents) {
            Record record = new Record(Record.EVENT, now, document);
            records.add(record);
            bytes += record.size();
        }
        try {
            makeRoom(bytes);
            if (active != null && active.end() > 0 && active.end() + bytes > segmentBytes) {
                active = null;
            }
            if (active == null) {
                active = newSegment();
            }
            try {
                active.write(records);
                if (!unsynced.contains(active)) {
                    unsynced.add(active);
                }
            } catch (IOException e) {
                active = null;
                throw e;
            }
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Forces everything {@link #write} wrote so far to disk. Not synchronized while it waits for the
     * disk, so writers go on meanwhile and the next sync takes all of theirs at once.
     */
    public void sync() {
        List<Segment> toForce;
        synchronized (this) {
            if (unsynced.isEmpty()) {
                return;
            }
            toForce = List.copyOf(unsynced);
            unsynced.clear();
        }
        try {
            for (Segment segment : toForce) {
                segment.force();
            }
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot write to disk: " + e.getMessage(), e);
        }
    }

    private Segment newSegment() throws IOException {
        while (true) {
            // Names sort by time; never let a clock step back reorder this process's own files.
            lastMillis = Math.max(lastMillis, System.currentTimeMillis());
            SegmentName name = new SegmentName(lastMillis, pid, SEQUENCE.incrementAndGet());
            try {
                Segment segment = Segment.create(dir, name, warnings);
                if (segment != null) {
                    own.add(segment);
                    return segment;
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Taken by another JVM with the same pid in another namespace: try the next number.
            }
        }
    }

    /**
     * The oldest documents not yet handed out, from this process's files or claimed ones, at most
     * {@code maxDocuments}; empty when there are none. The caller sends them, then calls
     * {@link #commit}; until then no other batch is handed out from the same file.
     */
    public synchronized SpoolBatch next(int maxDocuments, long maxBytes) {
        checkOpen();
        try {
            while (true) {
                Segment segment = oldestUnread();
                if (segment == null) {
                    return SpoolBatch.EMPTY;
                }
                List<Record> records = segment.read(maxDocuments, maxBytes);
                List<byte[]> documents = new ArrayList<>(records.size());
                for (Record record : records) {
                    if (record.type() == Record.EVENT) {
                        documents.add(record.body());
                    }
                }
                if (!documents.isEmpty()) {
                    return new SpoolBatch(segment, segment.readPosition(), documents);
                }
                // Nothing but damage: nothing to send, so it counts as delivered.
                segment.ack(segment.readPosition());
                cleanUp(segment);
            }
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Segment oldestUnread() {
        Segment oldest = null;
        for (Segment s : own) {
            if (s.hasUnread()) {
                oldest = s;
                break;
            }
        }
        for (Segment s : claimed) {
            if (s.hasUnread()) {
                if (oldest == null || s.name().compareTo(oldest.name()) < 0) {
                    oldest = s;
                }
                break;
            }
        }
        return oldest;
    }

    /** The documents of {@code batch} were delivered: they will not be handed out again, by any process. */
    public synchronized void commit(SpoolBatch batch) {
        if (batch.segment == null || batch.segment.deleted() || closed) {
            return;
        }
        try {
            batch.segment.ack(batch.end);
            cleanUp(batch.segment);
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot record the delivery: " + e.getMessage(), e);
        }
    }

    /**
     * Marks this process's {@code count} oldest undelivered documents delivered without sending them:
     * for events that were spooled while a send of them was still under way, and that send succeeded.
     */
    public synchronized void skipOwn(int count) {
        checkOpen();
        int left = count;
        try {
            for (Segment segment : List.copyOf(own)) {
                if (left == 0) {
                    break;
                }
                if (!segment.hasUnread()) {
                    continue;
                }
                List<Record> records = segment.read(left, Long.MAX_VALUE);
                left -= records.size();
                segment.ack(segment.readPosition());
                cleanUp(segment);
            }
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot record the delivery: " + e.getMessage(), e);
        }
    }

    private void cleanUp(Segment segment) throws IOException {
        if (!segment.fullyAcked()) {
            return;
        }
        segment.delete();
        own.remove(segment);
        claimed.remove(segment);
        if (segment == active) {
            active = null;
        }
        releaseDrainLockIfIdle();
    }

    /** Whether this process's own spooled events are not all delivered yet: new ones must wait behind them. */
    public synchronized boolean hasOwnPending() {
        return own.stream().anyMatch(Segment::hasUnacked);
    }

    /** Whether anything this process holds (its own or claimed files) is not delivered yet. */
    public synchronized boolean hasPending() {
        return hasOwnPending() || claimed.stream().anyMatch(Segment::hasUnacked);
    }

    /**
     * Takes over the files no live process holds, left by earlier runs or by processes that died,
     * so that this process delivers them. Only one process at a time does this (it holds
     * {@value #DRAIN_LOCK} until they are delivered); returns how many files were taken.
     */
    public synchronized int claimOrphans() {
        checkOpen();
        try {
            List<Path> candidates = new ArrayList<>();
            for (Path path : listSegments()) {
                if (!holds(path)) {
                    candidates.add(path);
                }
            }
            if (candidates.isEmpty() && !dropsWaiting()) {
                return 0;
            }
            if (!holdDrainLock()) {
                return 0;
            }
            int taken = 0;
            for (Path path : candidates) {
                Segment segment = Segment.claim(path, warnings);
                if (segment != null) {
                    claimed.add(segment);
                    taken++;
                }
            }
            claimed.sort(Comparator.comparing(Segment::name));
            for (Segment segment : List.copyOf(claimed)) {
                if (segment.fullyAcked()) {
                    cleanUp(segment);
                }
            }
            releaseDrainLockIfIdle();
            return taken;
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * What the size cap dropped and nobody reported yet, or {@code null}. Only the process that
     * holds {@value #DRAIN_LOCK} reports drops, so that each is reported once; pass the report to
     * {@link #clearDrops} once it was delivered.
     */
    public synchronized DropReport pendingDrops() {
        checkOpen();
        if (!dropsWaiting() || !holdDrainLock()) {
            return null;
        }
        synchronized (DROPS_MONITOR) {
            try (FileChannel channel = FileChannel.open(dir.resolve(DROPS), StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                long size = channel.size();
                RecordReader reader = new RecordReader(channel, dir.resolve(DROPS), warnings);
                DropReport total = null;
                for (RecordReader.Next next = reader.read(0, size); next != null; next = reader.read(next.position(), size)) {
                    if (next.record().type() == Record.DROPPED) {
                        total = next.record().asDropReport().plus(total);
                    }
                }
                if (total == null) {
                    channel.truncate(0);
                    releaseDrainLockIfIdle();
                } else {
                    dropsLength = size;
                }
                return total;
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new SpoolException("spool " + dir + ": cannot read " + DROPS + ": " + e.getMessage(), e);
            }
        }
    }

    /** The report {@link #pendingDrops} returned was delivered; drops recorded since stay. */
    public synchronized void clearDrops() {
        if (dropsLength < 0 || closed) {
            return;
        }
        synchronized (DROPS_MONITOR) {
            try (FileChannel channel = FileChannel.open(dir.resolve(DROPS), StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
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
                throw new SpoolException("spool " + dir + ": cannot update " + DROPS + ": " + e.getMessage(), e);
            } finally {
                dropsLength = -1;
                dropWarned = false;
                releaseDrainLockIfIdle();
            }
        }
    }

    private boolean dropsWaiting() {
        try {
            return Files.size(dir.resolve(DROPS)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void recordDrops(DropReport report) throws IOException {
        synchronized (DROPS_MONITOR) {
            try (FileChannel channel = FileChannel.open(dir.resolve(DROPS), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Record record = Record.dropped(System.currentTimeMillis(), report);
                ByteBuffer buffer = ByteBuffer.allocate(record.size());
                record.writeTo(buffer);
                channel.write(buffer.flip(), channel.size());
                channel.force(false);
            }
        }
    }

    /** Drops the oldest files this process may touch until {@code incoming} more bytes fit under the cap. */
    private void makeRoom(long incoming) throws IOException {
        if (ownedBytes() + foreignBytes(false) + incoming <= maxBytes) {
            return;
        }
        if (ownedBytes() + foreignBytes(true) + incoming <= maxBytes) {
            return;
        }
        DropReport dropped = null;
        for (Path path : listSegments()) {
            if (ownedBytes() + foreignBytes + incoming <= maxBytes) {
                break;
            }
            Segment segment = find(path);
            if (segment == null) {
                segment = Segment.claim(path, warnings);
                if (segment == null) {
                    continue;
                }
                foreignBytes -= segment.end();
            }
            if (segment == active) {
                active = null;
            }
            DropReport report = segment.dropRemaining();
            own.remove(segment);
            claimed.remove(segment);
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

    private long ownedBytes() {
        long bytes = 0;
        for (Segment s : own) {
            bytes += s.end();
        }
        for (Segment s : claimed) {
            bytes += s.end();
        }
        return bytes;
    }

    private long foreignBytes(boolean fresh) throws IOException {
        if (fresh || System.nanoTime() - foreignScannedAt >= FOREIGN_SCAN_NANOS) {
            long bytes = 0;
            for (Path path : listSegments()) {
                if (!holds(path)) {
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

    private List<Path> listSegments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> SegmentName.matches(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> SegmentName.parse(p.getFileName().toString())))
                    .toList();
        }
    }

    private boolean holds(Path path) {
        return find(path) != null;
    }

    private Segment find(Path path) {
        for (Segment s : own) {
            if (s.path().equals(path)) {
                return s;
            }
        }
        for (Segment s : claimed) {
            if (s.path().equals(path)) {
                return s;
            }
        }
        return null;
    }

    private boolean holdDrainLock() {
        if (drainLockChannel != null) {
            return true;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(DRAIN_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                drainLockChannel = channel;
                return true;
            }
        } catch (OverlappingFileLockException e) {
            // Another spool of this JVM drains.
        } catch (IOException e) {
            warnings.accept("spool " + dir + ": cannot lock " + DRAIN_LOCK + ": " + e.getMessage());
        }
        if (channel != null) {
            closeQuietly(channel);
        }
        return false;
    }

    private void releaseDrainLockIfIdle() {
        if (drainLockChannel != null && claimed.isEmpty() && dropsLength < 0) {
            closeQuietly(drainLockChannel);
            drainLockChannel = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new SpoolException(io.moustash.common.ExitCode.SOFTWARE, "spool " + dir + " is closed");
        }
    }

    /** Lets go of every file and lock; what was not delivered stays for the next run of any tool. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Segment s : own) {
            s.release();
        }
        for (Segment s : claimed) {
            s.release();
        }
        own.clear();
        claimed.clear();
        active = null;
        if (drainLockChannel != null) {
            closeQuietly(drainLockChannel);
            drainLockChannel = null;
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
