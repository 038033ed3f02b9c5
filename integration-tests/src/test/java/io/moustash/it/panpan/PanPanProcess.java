package io.moustash.it.panpan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real panpan.jar in a child JVM, as a shell script runs it; every wait is bounded. */
final class PanPanProcess {
    static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final CompletableFuture<byte[]> out;
    private final CompletableFuture<byte[]> err;

    private PanPanProcess(Process process) {
        this.process = process;
        this.out = drain(process.getInputStream());
        this.err = drain(process.getErrorStream());
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("moustash.root", ".."), "panpan", "target", "panpan.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the suite builds it in the package phase");
        }
        return jar;
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command} with {@code environment} added to this one's. */
    static PanPanProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().remove("MOUSTASH_CONFIG");
        return new PanPanProcess(builder.start());
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Closes stdin, waits for the exit, and returns what the process said. */
    Result finish() throws Exception {
        process.getOutputStream().close();
        return awaitExit();
    }

    private Result awaitExit() throws Exception {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("panpan did not exit within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(),
                new String(out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                new String(err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    /** Runs to the end with {@code stdin} as input. */
    static Result run(byte[] stdin, Map<String, String> environment, List<String> command) throws Exception {
        PanPanProcess process = start(command, environment);
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.stdin()) {
                in.write(stdin);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // The feeder closes stdin when it has written everything; a process that exits without
        // reading makes it fail with a broken pipe, which the exit status then explains.
        Result result = process.awaitExit();
        feeding.handle((ok, failed) -> null).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return result;
    }

    static Result run(String... args) throws Exception {
        return run(new byte[0], Map.of(), command(args));
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        });
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }
}
