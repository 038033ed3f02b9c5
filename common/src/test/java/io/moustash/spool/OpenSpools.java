package io.moustash.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** The spools a test opens in its directory, all closed after it, and every line they warned. */
final class OpenSpools implements AutoCloseable {
    final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Path dir;
    private final List<Spool> opened = new ArrayList<>();

    OpenSpools(Path dir) {
        this.dir = dir;
    }

    Spool open(String destination, long maxBytes) {
        Spool spool = Spool.open(dir, destination, maxBytes, warnings::add);
        opened.add(spool);
        return spool;
    }

    /** A file an earlier run left for {@code destination}, holding {@code SpoolTest.docs(from, to)}. */
    void leftFile(String destination, int from, int to) {
        Spool left = open(destination, 1L << 30);
        left.append(SpoolTest.docs(from, to));
        left.close();
    }

    /** The spool files in the directory, by name. */
    List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
        }
    }

    @Override
    public void close() {
        opened.forEach(Spool::close);
    }
}
