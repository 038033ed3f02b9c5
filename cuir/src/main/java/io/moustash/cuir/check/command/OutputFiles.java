package io.moustash.cuir.check.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where plugins write their stdout and stderr: two files per run in a private directory (0700)
 * under {@code java.io.tmpdir}, made when the first plugin runs and removed on {@link #close}. A file
 * never fills up, so a chatty plugin cannot block on a full pipe and no thread has to drain one;
 * its output is read, up to a bound, once it has exited. Thread-safe.
 */
final class OutputFiles implements AutoCloseable {
    private final AtomicLong runs = new AtomicLong();
    private Path dir;
    private boolean closed;

    /** The two files of one run; the caller {@link Run#delete}s them. */
    record Run(Path out, Path err) {
        void delete() {
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // the directory goes at close
            }
        }
    }

    Run next() throws IOException {
        long n = runs.incrementAndGet();
        Path d = dir();
        return new Run(d.resolve(n + ".out"), d.resolve(n + ".err"));
    }

    private synchronized Path dir() throws IOException {
        if (closed) {
            throw new IOException("probing has stopped");
        }
        // Made again when gone: a cleaner of the temporary directory may remove it under a long-running Cuir.
        if (dir == null || !Files.isDirectory(dir)) {
            dir = Files.createTempDirectory("cuir-plugins-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /** At most {@code max} bytes of {@code file} as text; empty when it is missing or unreadable. */
    static String read(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover empty directory in the temporary directory harms no one
        }
    }
}
