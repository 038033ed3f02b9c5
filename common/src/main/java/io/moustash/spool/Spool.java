package io.moustash.spool;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A durable, append-only spool of encoded events in one directory, shared safely by any number of
 * processes (a Cuir, a Fouet, many PanPans).
 *
 * <p><b>Files:</b> each process appends to its own files, {@code MILLIS-PID-SEQ.spool}, each held
 * under an exclusive {@link FileLock} from creation until it is delivered and deleted. Each starts
 * with a header naming the file format and the spool's destination (see
 * {@link io.moustash.transport.Transport#destination()}). A file whose lock is free was left by a
 * process that finished or died; {@link #claimOrphans} takes such files over when their header names
 * this spool's destination, or when they have no header (written before there was one), one process
 * at a time, under {@value #DRAIN_LOCK}, so that one dead process's files are sent in order. Files
 * for other destinations are left to the tools that send there. {@value #DROPS} keeps what the size
 * cap dropped until someone reports it.
 *
 * <p><b>Privacy:</b> files are created {@code rw-------}, and a directory the spool makes
 * {@code rwx------}, where the file system is POSIX; an existing directory keeps its mode.
 *
 * <p><b>Trouble:</b> an entry that cannot be used (a directory named like a spool file, a file
 * another user owns) is skipped with one line through {@code warnings}, once per path, and never
 * holds up the others. A delivery that cannot be recorded in its {@code .ack} file is remembered in
 * memory (never handed out again by this process) and said once per outage; a failure to write or
 * force the spool is said once per outage too, and thrown each time. A spool directory removed
 * meanwhile is made again by the next write.
 *
 * <p><b>Durability:</b> {@link #append} returns only after the records were written and forced to
 * disk ({@code FileChannel.force}); {@link #write} then {@link #sync} does the same in two steps so
 * that many writes share one fsync. Records are only ever appended, so a crash can leave at most a
 * torn last record, which the reader detects by its checksum and skips with a warning.
 *
 * <p><b>Size:</b> at {@code maxBytes} the oldest files this process may touch are dropped whole
 * (each file holds at most a sixteenth of the cap; see {@link SpoolCap}). Files that live processes
 * are writing cannot be dropped, so the directory may exceed the cap by one file per such process.
 *
 * <p><b>Threads:</b> thread-safe; every method is synchronized, and the spool's monitor also
 * guards its {@link SpoolCap} and {@link DrainLock}. {@link #append} may block for an fsync (about
 * 0.1 ms on an SSD).
 */
public final class Spool implements AutoCloseable {
    public static final String DRAIN_LOCK = "drain.lock";
    public static final String DROPS = "dropped.records";
    /** Files are cut at a sixteenth of the cap, so dropping the oldest frees room in small steps. */
    static final int SEGMENTS_PER_CAP = 16;
    static final long MIN_SEGMENT_BYTES = 4 * 1024;
    static final long MAX_SEGMENT_BYTES = 4 * 1024 * 1024;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path dir;
    private final String destination;
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
    private final SpoolCap cap;
    private final DrainLock drainLock;
    /** Files no live process holds whose header names another destination (or a newer format): what it names. */
    private final Map<Path, String> elsewhere = new HashMap<>();
    private final SpoolWarnings said;
    private long lastMillis;
    private boolean closed;

    private Spool(Path dir, String destination, long maxBytes, Consumer<String> warnings) {
        this.dir = dir;
        this.destination = destination;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / SEGMENTS_PER_CAP));
        this.warnings = warnings;
        this.said = new SpoolWarnings(dir, warnings);
        this.cap = new SpoolCap(this, dir, maxBytes, warnings);
        this.drainLock = new DrainLock(dir, warnings);
    }

    /**
     * Opens the spool in {@code dir}, creating the directory ({@code rwx------}) if missing. Nothing
     * is locked or written until the first {@link #append} or {@link #claimOrphans}.
     *
     * @param destination where this spool's events go, {@link io.moustash.transport.Transport#destination()}:
     *     written in the header of each new file; only files naming it (or none) are claimed
     * @param warnings receives one line per damaged record skipped, per unusable entry, and per
     *     outage of the disk or of the ack files
     */
    public static Spool open(Path dir, String destination, long maxBytes, Consumer<String> warnings) {
        Objects.requireNonNull(destination, "destination");
        try {
            PrivateFiles.createDirectory(dir);
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot create the directory: " + e.getMessage(), e);
        }
        return new Spool(dir, destination, maxBytes, warnings);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Whether {@code dir} holds nothing to deliver, from one listing of its names: no file opened,
     * no lock taken. What a one-shot asks before it sends on its own thread: whatever an earlier run
     * (or another process now) left to deliver first is in a spool file ({@code *.spool}), or is a
     * drop report in a non-empty {@value #DROPS}; {@value #DRAIN_LOCK}, which stays once made, an
     * emptied {@value #DROPS} and an acknowledgement file hold no event. A directory that cannot be
     * listed counts as holding something.
     */
    public static boolean holdsNoFile(Path dir) {
        String[] names = dir.toFile().list();
        if (names == null) {
            return false;
        }
        for (String name : names) {
            if (name.endsWith(Segment.SUFFIX) || (name.equals(DROPS) && dir.resolve(DROPS).toFile().length() != 0)) {
                return false;
            }
        }
        return true;
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
     *
     * @return where they went, for {@link #skipWritten}; {@code null} when there were none
     * @throws SpoolException when they cannot be written (a full disk); the first failure of an
     *     outage was already said through {@code warnings}, so callers need not log each one
     */
    public synchronized SpoolMark write(List<byte[]> documents) {
        checkOpen();
        if (documents.isEmpty()) {
            return null;
        }
        SpoolMark mark;
        long now = System.currentTimeMillis();
        List<Record> records = new ArrayList<>(documents.size());
        long bytes = 0;
        for (byte[] document : documents) {
            Record record = new Record(Record.EVENT, now, document);
            records.add(record);
            bytes += record.size();
        }
        // A FileChannel closes itself for every user when a thread interrupted during I/O touches it,
        // and callers' threads write here (a publisher spilling its queue): the interrupt is set
        // aside for the write and given back.
        boolean interrupted = Thread.interrupted();
        try {
            cap.makeRoom(bytes);
            if (active != null && active.hasRecords() && active.end() + bytes > segmentBytes) {
                active = null;
            }
            if (active != null && !Files.exists(active.path(), LinkOption.NOFOLLOW_LINKS)) {
                // Removed from under us (by hand, a cleaner, the whole directory): what it held is
                // still readable by this process, but writing on would keep new events nowhere a
                // later run can find them. Start a file that exists.
                said.skipping(active.path(), "removed while in use; new events go to a new file");
                active = null;
            }
            if (active == null) {
                active = newSegment();
            }
            try {
                mark = new SpoolMark(active, active.end());
                active.write(records);
                if (!unsynced.contains(active)) {
                    unsynced.add(active);
                }
            } catch (IOException e) {
                Segment failed = active;
                active = null;
                if (!failed.hasRecords()) {
                    // Not one empty file left behind per refused write of a full disk.
                    own.remove(failed);
                    unsynced.remove(failed);
                    try {
                        failed.delete();
                    } catch (IOException ignored) {
                        // Reported below with the failure that matters, the write's.
                    }
                }
                throw e;
            }
            said.diskWorks();
        } catch (IOException e) {
            throw said.disk("cannot write", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mark;
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
            synchronized (this) {
                throw said.disk("cannot write to disk", e);
            }
        }
    }

    private Segment newSegment() throws IOException {
        boolean remade = false;
        while (true) {
            // Names sort by time; never let a clock step back reorder this process's own files.
            lastMillis = Math.max(lastMillis, System.currentTimeMillis());
            SegmentName name = new SegmentName(lastMillis, pid, SEQUENCE.incrementAndGet());
            try {
                Segment segment = Segment.create(dir, name, destination, warnings);
                if (segment != null) {
                    own.add(segment);
                    return segment;
                }
            } catch (FileAlreadyExistsException e) {
                // Taken by another JVM with the same pid in another namespace: try the next number.
            } catch (NoSuchFileException e) {
                if (remade || Files.isDirectory(dir)) {
                    throw e;
                }
                // Removed while we ran (by hand, or a cleaner): make it again rather than fail every event.
                PrivateFiles.createDirectory(dir);
                remade = true;
                said.remade();
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
                delivered(segment, segment.readPosition());
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

    /**
     * The documents of {@code batch} were delivered: they will not be handed out again, by any
     * process. Does not throw: when the progress file cannot be written (a full disk) this process
     * still never hands them out again, another would only after this one died, and that is said
     * once per outage through {@code warnings}.
     */
    public synchronized void commit(SpoolBatch batch) {
        if (batch.segment == null || batch.segment.deleted() || closed) {
            return;
        }
        delivered(batch.segment, batch.end);
    }

    /** Everything in {@code segment} before {@code position} was delivered: remembered, recorded, cleaned up. */
    private void delivered(Segment segment, long position) {
        try {
            if (segment.ack(position)) {
                said.progressWorks();
            }
        } catch (IOException e) {
            said.progress(Segment.ackPath(segment.path()), e);
        }
        cleanUp(segment);
    }

    /**
     * Marks the first {@code count} records that the write at {@code mark} put in the spool delivered
     * without sending them: for events spooled while a send of them was under way, when that send
     * succeeded. Exactly those records, whatever was written after them; nothing when the size cap
     * dropped their file meanwhile (its drop report counted them) or they were handed out already
     * (then they are sent again: at-least-once).
     */
    public synchronized void skipWritten(SpoolMark mark, int count) {
        if (closed || mark == null || mark.segment.deleted() || mark.segment.readPosition() != mark.start) {
            return;
        }
        try {
            mark.segment.read(count, Long.MAX_VALUE);
            delivered(mark.segment, mark.segment.readPosition());
        } catch (IOException e) {
            throw new SpoolException("spool " + dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    private void cleanUp(Segment segment) {
        if (!segment.fullyAcked()) {
            return;
        }
        own.remove(segment);
        claimed.remove(segment);
        unsynced.remove(segment);
        if (segment == active) {
            active = null;
        }
        try {
            segment.delete();
        } catch (IOException e) {
            // Delivered all the same; its ack file (if written) tells the next run so.
            said.skipping(segment.path(), "delivered, but cannot be deleted: " + PrivateFiles.reason(e));
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
     * so that this process delivers them: those whose header names this spool's destination, and
     * those without a header (written before there was one). Only one process at a time does this
     * (it holds {@value #DRAIN_LOCK} until they are delivered); returns how many files were taken.
     * Files for other destinations are left alone, said in one line the first time; entries that
     * cannot be opened are skipped, each said once.
     *
     * @throws SpoolException only when the directory cannot be listed
     */
    public synchronized int claimOrphans() {
        checkOpen();
        try {
            List<Path> present = listSegments();
            elsewhere.keySet().retainAll(Set.copyOf(present));
            List<Path> candidates = new ArrayList<>();
            for (Path path : present) {
                if (!holds(path) && !elsewhere.containsKey(path)) {
                    candidates.add(path);
                }
            }
            if (candidates.isEmpty() && !cap.dropsWaiting()) {
                return 0;
            }
            if (!drainLock.hold()) {
                return 0;
            }
            int taken = 0;
            for (Path path : candidates) {
                Segment segment = claimFree(path);
                if (segment == null) {
                    continue;
                }
                if (segment.destination() != null && (segment.formatVersion() > Record.FORMAT_VERSION
                        || !segment.destination().equals(destination))) {
                    elsewhere.put(path, segment.formatVersion() > Record.FORMAT_VERSION
                            ? "a newer Moustash (file format " + segment.formatVersion() + ")" : segment.destination());
                    segment.release();
                    continue;
                }
                claimed.add(segment);
                taken++;
            }
            said.elsewhere(elsewhere.values());
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
     * Takes over {@code path} if no live process holds it; {@code null} when one does, when it has
     * gone, or when it cannot be opened (said once for that path).
     */
    Segment claimFree(Path path) {
        try {
            return Segment.claim(path, warnings);
        } catch (IOException e) {
            said.skipping(path, PrivateFiles.reason(e));
            return null;
        }
    }

    /**
     * What the size cap dropped and nobody reported yet, or {@code null}. Only the process that
     * holds {@value #DRAIN_LOCK} reports drops, so that each is reported once; pass the report to
     * {@link #clearDrops} once it was delivered.
     */
    public synchronized DropReport pendingDrops() {
        checkOpen();
        return cap.pendingDrops();
    }

    /** The report {@link #pendingDrops} returned was delivered; drops recorded since stay. */
    public synchronized void clearDrops() {
        if (!closed) {
            cap.clearDrops();
        }
    }

    /** For the cap: drops {@code segment}, held or just claimed, whole; what it held undelivered, or {@code null}. */
    DropReport drop(Segment segment) throws IOException {
        if (segment == active) {
            active = null;
        }
        DropReport report = segment.dropRemaining();
        own.remove(segment);
        claimed.remove(segment);
        return report;
    }

    /** The bytes of every file this process holds, its own and claimed ones. */
    long ownedBytes() {
        long bytes = 0;
        for (Segment s : own) {
            bytes += s.end();
        }
        for (Segment s : claimed) {
            bytes += s.end();
        }
        return bytes;
    }

    /**
     * Every spool file in the directory, oldest first; none when the directory is gone. An entry
     * named like one that is not a regular file is left out, said once.
     */
    List<Path> listSegments() throws IOException {
        List<Path> named;
        try (Stream<Path> files = Files.list(dir)) {
            named = files.filter(p -> SegmentName.matches(p.getFileName().toString())).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Path> regular = new ArrayList<>(named.size());
        for (Path path : named) {
            String notRegular = holds(path) ? null : PrivateFiles.notRegular(path);
            if (notRegular == null) {
                regular.add(path);
            } else {
                said.skipping(path, notRegular);
            }
        }
        regular.sort(Comparator.comparing(p -> SegmentName.parse(p.getFileName().toString())));
        return regular;
    }

    boolean holds(Path path) {
        return find(path) != null;
    }

    /** The file this process holds at {@code path}, or {@code null}. */
    Segment find(Path path) {
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

    /** For the cap: {@code path} is gone past, said once. */
    void skipping(Path path, String reason) {
        said.skipping(path, reason);
    }

    boolean holdDrainLock() {
        return drainLock.hold();
    }

    /** Lets go of {@value #DRAIN_LOCK} once no claimed file and no drop report needs it. */
    void releaseDrainLockIfIdle() {
        if (claimed.isEmpty() && !cap.reportOut()) {
            drainLock.release();
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
        drainLock.release();
    }

}
