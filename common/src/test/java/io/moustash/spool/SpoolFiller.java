package io.moustash.spool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A child process for {@link SpoolAcrossProcessesTest}, started under a small {@code ulimit -f} so
 * that its writes fail as on a full disk: tries five events too big for the limit, then a small
 * one, and prints what the spool said and which files it left.
 */
public final class SpoolFiller {
    private SpoolFiller() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> said = new ArrayList<>();
        int refused = 0;
        try (Spool spool = Spool.open(dir, SpoolTest.DESTINATION, 1L << 30, said::add)) {
            byte[] big = ("{\"m\":\"" + "x".repeat(256 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 5; i++) {
                try {
                    spool.append(List.of(big));
                } catch (SpoolException e) {
                    refused++;
                }
            }
            System.out.println("refused " + refused);
            try (Stream<Path> files = Files.list(dir)) {
                System.out.println("files " + files.filter(p -> p.toString().endsWith(".spool")).count());
            }
            spool.append(SpoolTest.docs(0, 1));
            System.out.println("then " + SpoolTest.drain(spool));
        }
        said.forEach(line -> System.out.println("said " + line));
        System.out.flush();
    }
}
