package io.moustash.cuir.check.command;

import io.moustash.common.Durations;
import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.CommandDetails;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command probe as a Nagios plugin: exit 0/1/2/3 is UP/WARNING/DOWN/UNKNOWN and the first
 * line of its output is the detail. No thread waits on it: the JDK's process reaper completes
 * {@link Process#onExit()}, and a plugin still running at the deadline is killed with its children.
 *
 * <p>Output is read once the plugin has exited, and only what is already there, so a plugin that
 * leaves a child holding its stdout cannot block Cuir. A plugin that writes more than the pipe holds
 * (64 KiB on Linux) blocks until its deadline: plugins write one line or a few.
 */
final class CommandProber implements Prober<CommandCheck> {
    private static final int MAX_OUTPUT = 8192;

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec, CommandCheck check, long startNanos, Instant at) {
        Process process;
        try {
            process = new ProcessBuilder(check.command())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(result(spec, check, at, startNanos, Status.UNKNOWN,
                    Reason.PLUGIN_STATUS, "cannot run " + check.command().get(0) + ": " + Texts.oneLine(e), null));
        }
        long remaining = Math.max(0, spec.timeout().toNanos() - (System.nanoTime() - startNanos));
        return process.onExit().orTimeout(remaining, TimeUnit.NANOSECONDS).handle((p, failure) -> {
            if (failure != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                String reason = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
                        ? "no answer within " + Durations.shown(spec.timeout()) : Texts.oneLine(failure);
                return result(spec, check, at, startNanos, Status.DOWN, Reason.TIMEOUT, reason, null);
            }
            int exit = process.exitValue();
            String line = Texts.firstLine(availableOutput(process));
            Status status = Status.ofPluginExit(exit);
            String detail = line.isEmpty() ? null : line;
            if (exit < 0 || exit > 3) {
                detail = "exit status " + exit + (line.isEmpty() ? "" : ": " + line);
            }
            return result(spec, check, at, startNanos, status, status == Status.UP ? null : Reason.PLUGIN_STATUS, detail, exit);
        });
    }

    private static String availableOutput(Process process) {
        try (InputStream out = process.getInputStream()) {
            int n = Math.min(out.available(), MAX_OUTPUT);
            return new String(out.readNBytes(n), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static ProbeResult result(ProbeSpec spec, CommandCheck check, Instant at, long startNanos, Status status,
            Reason reason, String detail, Integer exit) {
        return new ProbeResult(spec, at, status, reason, detail, System.nanoTime() - startNanos,
                new CommandDetails(check, exit));
    }
}
