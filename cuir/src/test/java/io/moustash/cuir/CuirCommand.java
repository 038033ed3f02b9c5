package io.moustash.cuir;

import io.moustash.cli.Commands;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Cuir's command line run in the test's JVM, what it writes to stdout and stderr kept as text. */
final class CuirCommand {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine line = Commands.commandLine(new Cuir());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    /** {@code dir/moustash.ini}: events to the Redis on {@code redisPort} under {@code key}, then {@code more}. */
    static Path config(Path dir, int redisPort, String key, String more) throws IOException {
        Path file = dir.resolve("moustash.ini");
        Files.writeString(file, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + redisPort
                + "\nredis_namespace = " + key + "\nhostname = probe-host\n" + more);
        return file;
    }
}
