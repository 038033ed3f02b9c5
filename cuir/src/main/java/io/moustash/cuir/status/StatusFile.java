package io.moustash.cuir.status;

import io.moustash.cuir.probe.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The status file a running Cuir rewrites for {@code cuir --status}: who wrote it (pid and start
 * time of the process, the configuration file it runs), when, how often it writes, and one line per
 * probe. It lives in the spool directory, named for the configuration file's real path, so that
 * Cuirs of different configurations sharing a spool never mix their files.
 *
 * <p>Text, tab-separated, private to Cuir (not an interface: its first line names its format, and a
 * file of another format is refused, not misread):
 * <pre>
 * moustash-cuir-status 1
 * pid      4242
 * started  2026-12-02T03:12:19.120Z       (or - when the system does not say)
 * config   /etc/moustash/moustash.ini
 * written  2026-12-02T03:20:00.004Z
 * every_ms 5000
 * probe    NAME TARGET DOWN_AFTER STATE SINCE AT FAILURES EXPLANATION   (- for a probe not yet probed)
 * end      COUNT
 * </pre>
 * Tabs, line ends and backslashes within a value are escaped ({@code \t}, {@code \n}, {@code \r},
 * {@code \\}). The {@code end} line makes a truncated file detectable.
 *
 * <p><b>Writing:</b> to a new file in the same directory, created {@code rw-------} (it names
 * commands, which may carry credentials, as the spool does), then renamed over the old one: a reader
 * sees the old file or the new one, never half of one. Not forced to disk: a file from before a
 * crash describes a process that is gone, which {@code --status} detects by its pid, and an empty
 * or cut file by its missing {@code end}.
 */
public final class StatusFile {
    /** The state of a probe whose first failures are short of {@code down_after}: not yet up or down. */
    static final String PENDING = "PENDING";
    static final String FORMAT = "moustash-cuir-status 1";
    private static final String NONE = "-";

    /**
     * @param started when the writing process started, as the system says, for telling it from a later
     *     process that got the same pid; empty when the system does not say
     * @param config the real path of the configuration file the writer runs
     */
    public record Header(long pid, Optional<Instant> started, String config, Instant written, Duration every) {
    }

    public record Contents(Header header, List<ProbeStatus> probes) {
        public Contents {
            probes = List.copyOf(probes);
        }
    }

    private StatusFile() {
    }

    /**
     * Where the Cuir running {@code config} writes its status, in {@code spool}:
     * {@code cuir-HASH.status}, HASH the 16 hex digits of the 64-bit FNV-1a hash of the configuration
     * file's real path ({@link #realPath}) in UTF-8.
     */
    public static Path of(Path spool, String config) {
        return spool.resolve("cuir-" + HexFormat.of().toHexDigits(fnv1a(realPath(config))) + ".status");
    }

    /**
     * The real path of a configuration file, which names its status file and is written in it; a
     * configuration that is no file ("built-in defaults") as it is named.
     */
    public static String realPath(String config) {
        try {
            return Path.of(config).toRealPath().toString();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return config;
        }
    }

    /**
     * A name only has to keep the files of different paths apart, against no adversary: not a
     * MessageDigest, whose provider set-up stays in a daemon's memory (about 60 classes and their
     * tables, measured at idle).
     */
    static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /**
     * Replaces {@code file} with {@code contents} at once (a new file renamed over it). One writer
     * per file and process at a time, as {@link StatusWriter}'s one thread is: the temporary file is
     * named for the process.
     */
    public static void write(Path file, Contents contents) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] mode = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
        // Named for this process, the file's one writer, rather than made by createTempFile, whose random
        // names start SecureRandom (its providers then stay in a daemon's memory). One left by a crash
        // of an earlier process with the same pid is replaced.
        Path temporary = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        Files.deleteIfExists(temporary);
        try {
            try (var channel = Files.newByteChannel(temporary, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
                ByteBuffer bytes = ByteBuffer.wrap(format(contents).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String format(Contents contents) {
        Header h = contents.header();
        StringBuilder text = new StringBuilder(128 + 96 * contents.probes().size());
        text.append(FORMAT).append('\n');
        line(text, "pid", Long.toString(h.pid()));
        line(text, "started", h.started().map(Instant::toString).orElse(NONE));
        line(text, "config", h.config());
        line(text, "written", h.written().toString());
        line(text, "every_ms", Long.toString(h.every().toMillis()));
        for (ProbeStatus p : contents.probes()) {
            List<String> fields = new ArrayList<>(List.of(p.name(), p.target(), Integer.toString(p.downAfter())));
            p.seen().ifPresentOrElse(s -> fields.addAll(List.of(s.state().map(Status::name).orElse(PENDING), s.since().toString(), s.at().toString(),
                    Integer.toString(s.failures()), s.explanation())),
                    () -> fields.addAll(List.of(NONE, NONE, NONE, NONE, NONE)));
            line(text, "probe", fields.toArray(String[]::new));
        }
        line(text, "end", Integer.toString(contents.probes().size()));
        return text.toString();
    }

    private static void line(StringBuilder text, String key, String... values) {
        text.append(key);
        for (String value : values) {
            text.append('\t').append(escape(value));
        }
        text.append('\n');
    }

    /**
     * Reads a status file.
     *
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it is not a whole status file of this format, saying why
     */
    public static Contents read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Contents parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            throw new IllegalArgumentException(lines.isEmpty() ? "empty" : "not a status file of format '" + FORMAT + "'");
        }
        List<ProbeStatus> probes = new ArrayList<>();
        Long pid = null;
        Optional<Instant> started = Optional.empty();
        String config = null;
        Instant written = null;
        Duration every = null;
        Integer end = null;
        try {
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                for (int i = 0; i < f.length; i++) {
                    f[i] = unescape(f[i]);
                }
                switch (f[0]) {
                    case "pid" -> pid = Long.parseLong(f[1]);
                    case "started" -> started = f[1].equals(NONE) ? Optional.empty() : Optional.of(Instant.parse(f[1]));
                    case "config" -> config = f[1];
                    case "written" -> written = Instant.parse(f[1]);
                    case "every_ms" -> every = Duration.ofMillis(Long.parseLong(f[1]));
                    case "probe" -> probes.add(probe(f));
                    case "end" -> end = Integer.parseInt(f[1]);
                    default -> throw new IllegalArgumentException("unknown line '" + f[0] + "'");
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed (" + e.getMessage() + ")", e);
        }
        if (end == null || end != probes.size() || pid == null || config == null || written == null || every == null) {
            throw new IllegalArgumentException("incomplete");
        }
        return new Contents(new Header(pid, started, config, written, every), probes);
    }

    private static ProbeStatus probe(String[] f) {
        if (f.length != 9) {
            throw new IllegalArgumentException("a probe line of " + f.length + " fields");
        }
        Optional<ProbeStatus.Seen> seen = f[4].equals(NONE) ? Optional.empty()
                : Optional.of(new ProbeStatus.Seen(f[4].equals(PENDING) ? Optional.empty() : Optional.of(Status.valueOf(f[4])), Instant.parse(f[5]), Instant.parse(f[6]),
                        Integer.parseInt(f[7]), f[8]));
        return new ProbeStatus(f[1], f[2], Integer.parseInt(f[3]), seen);
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
