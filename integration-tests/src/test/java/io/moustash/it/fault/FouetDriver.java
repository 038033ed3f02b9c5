package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/fouet} driven as supervisord drives an event listener, over its stdin and stdout:
 * the test is supervisord. Every answer is timed against {@code publish_timeout}, and everything
 * Fouet writes on stdout must be protocol ({@code READY\n}, {@code RESULT 2\nOK},
 * {@code RESULT 4\nFAIL}), nothing else.
 */
final class FouetDriver implements AutoCloseable {
    /** publish_timeout of every Fouet row, in seconds. */
    static final int PUBLISH_TIMEOUT = 5;
    /** An answer's bound: publish_timeout, and a second for the answer to be written and read. */
    static final long ANSWER_BOUND = PUBLISH_TIMEOUT * 1000L + 1_000;
    /** Starting the JVM and saying READY. */
    static final long START_BOUND = Scenario.SLACK_MILLIS * 2;

    /** Fouet's events say who sent them with {@code process.name} and their order with {@code event.sequence}. */
    static Ledger ledger() {
        return new Ledger(doc -> doc.hasNonNull("producer")
                ? new Ledger.Origin(doc.path("producer").asText(), doc.path("seq").asLong(-1))
                : doc.path("process").hasNonNull("name")
                        ? new Ledger.Origin(doc.path("process").path("name").asText(), doc.path("event").path("sequence").asLong(-1))
                        : null);
    }

    static String ini(Scenario row, int redisPort) {
        return "[moustash]\ntransport = redis\nredis_host = 127.0.0.1\nredis_port = " + redisPort + "\nredis_namespace = "
                + row.key + "\nredis_timeout = " + Scenario.BROKER_TIMEOUT + "\n" + row.common()
                + "[fouet]\npublish_timeout = " + PUBLISH_TIMEOUT + "\n";
    }

    private final Process process;
    private final Path stderr;
    private final StringBuilder stdout = new StringBuilder();
    private int consumed;
    private final List<Long> answerMillis = new ArrayList<>();

    private FouetDriver(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, "fouet-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code bin/fouet -c INI} and waits for its first READY. */
    static FouetDriver start(Scenario row, Path ini) throws Exception {
        Tools.warmUp();
        Path stderr = Files.createTempFile(row.dir, "fouet", ".err");
        ProcessBuilder builder = new ProcessBuilder(Tools.home().resolve("bin/fouet").toString(), "-c", ini.toString())
                .redirectError(stderr.toFile());
        builder.environment().remove("MOUSTASH_CONFIG");
        builder.environment().put("MOUSTASH_CACHE_DIR", Tools.cacheDir().toString());
        FouetDriver fouet = new FouetDriver(builder.start(), stderr);
        fouet.expect("READY\n", START_BOUND);
        return fouet;
    }

    private void readStdout() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (stdout) {
                    stdout.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    stdout.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Waits until {@code count} more characters are on stdout; returns them, or what there is at the deadline. */
    private String take(int count, long deadlineNanos) throws InterruptedException {
        synchronized (stdout) {
            while (stdout.length() < consumed + count) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return stdout.substring(consumed);
                }
                TimeUnit.NANOSECONDS.timedWait(stdout, left);
            }
            String taken = stdout.substring(consumed, consumed + count);
            consumed += count;
            return taken;
        }
    }

    private void expect(String token, long boundMillis) throws Exception {
        String got = take(token.length(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis));
        assertEquals(token, got, "Fouet's stdout carries the protocol and nothing else; stderr: " + stderr());
    }

    /**
     * Sends PROCESS_STATE_RUNNING of {@code program} with supervisord serial {@code serial} and
     * returns the answer, {@code OK} or {@code FAIL}, which must come within {@link #ANSWER_BOUND}.
     */
    String send(String program, long serial) throws Exception {
        String payload = "processname:" + program + " groupname:" + program + " from_state:STARTING pid:4242";
        String header = "ver:3.0 server:supervisor serial:" + serial + " pool:fouet poolserial:" + serial
                + " eventname:PROCESS_STATE_RUNNING len:" + payload.length() + "\n";
        long started = System.nanoTime();
        try {
            process.getOutputStream().write((header + payload).getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            fail("Fouet stopped reading its input; stderr: " + stderr(), e);
        }
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(ANSWER_BOUND);
        String result = take("RESULT 2\n".length(), deadline);
        String answer = switch (result) {
            case "RESULT 2\n" -> take(2, deadline);
            case "RESULT 4\n" -> take(4, deadline);
            default -> null;
        };
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(answer != null && (answer.equals("OK") || answer.equals("FAIL")),
                "event " + serial + ": no answer within " + ANSWER_BOUND + " ms, or not protocol: '" + result
                        + (answer == null ? "" : answer) + "'; stderr: " + stderr());
        answerMillis.add(millis);
        expect("READY\n", ANSWER_BOUND);
        return answer;
    }

    /** Sends the event and asserts Fouet answered OK (delivered or spooled); the ledger records it. */
    void sendOk(Ledger ledger, String program, long serial) throws Exception {
        String answer = send(program, serial);
        ledger.sent(program, serial, answer.equals("OK"));
        assertEquals("OK", answer, "event " + serial + " accepted; stderr: " + stderr());
    }

    long slowestAnswerMillis() {
        return answerMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Ends its input, as supervisord does when it stops: Fouet must exit 0 within the close timeout and a slack. */
    void finish() throws Exception {
        process.getOutputStream().close();
        long bound = Scenario.CLOSE_TIMEOUT * 1000L + Scenario.SLACK_MILLIS;
        boolean exited = process.waitFor(bound, TimeUnit.MILLISECONDS);
        if (!exited) {
            kill9();
            fail("Fouet did not exit within " + bound + " ms of the end of its input; stderr: " + stderr());
        }
        assertEquals(0, process.exitValue(), "stderr: " + stderr());
        Thread.sleep(100); // the reader takes the last bytes
        synchronized (stdout) {
            assertEquals("", stdout.substring(consumed), "nothing after the last READY on Fouet's stdout");
        }
    }

    void kill9() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
