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
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command probe as a Nagios plugin: exit 0/1/2/3 is UP/WARNING/DOWN/UNKNOWN, the first line
 * of its output before {@code |} is the detail, its performance data become numbers. No thread
 * waits on it: the JDK's process reaper completes {@link Process#onExit()}, and a plugin still
 * running at the deadline is killed with its children.
 *
 * <p>stdout and stderr go to files ({@link OutputFiles}), read once the plugin has exited, so a
 * plugin that writes a lot, on either, or leaves a child holding them, cannot block Cuir.
 */
final class CommandProber implements Prober<CommandCheck> {
    /** stdout read at most: the summary and the performance data of a plugin's long output. */
    static final int MAX_STDOUT = 64 * 1024;
    /** stderr read at most: a few lines are enough to say why a plugin wrote nothing on stdout. */
    static final int MAX_STDERR = 4096;

    private final OutputFiles files = new OutputFiles();

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec, CommandCheck check, long startNanos, Instant at) {
        OutputFiles.Run run;
        try {
            run = files.next();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(result(spec, check, at, startNanos, Status.UNKNOWN,
                    Reason.LOCAL_ERROR, "cannot make a file for the plugin's output: " + Texts.oneLine(e), null,
                    Perfdata.NONE));
        }
        Process process;
        try {
            process = new ProcessBuilder(check.command())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(run.out().toFile())
                    .redirectError(run.err().toFile())
                    .start();
        } catch (IOException | RuntimeException e) {
            run.delete();
            return CompletableFuture.completedFuture(result(spec, check, at, startNanos, Status.UNKNOWN,
                    Reason.PLUGIN_STATUS, "cannot run " + check.command().get(0) + ": " + Texts.oneLine(e), null,
                    Perfdata.NONE));
        }
        long remaining = Math.max(0, spec.timeout().toNanos() - (System.nanoTime() - startNanos));
        return process.onExit().orTimeout(remaining, TimeUnit.NANOSECONDS).handle((p, failure) -> {
            try {
                if (failure != null) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    String reason = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
                            ? "no answer within " + Durations.shown(spec.timeout()) : Texts.oneLine(failure);
                    return result(spec, check, at, startNanos, Status.DOWN, Reason.TIMEOUT, reason, null,
                            Perfdata.NONE);
                }
                return finished(spec, check, at, startNanos, process.exitValue(),
                        OutputFiles.read(run.out(), MAX_STDOUT), OutputFiles.read(run.err(), MAX_STDERR));
            } finally {
                run.delete();
            }
        });
    }

    private static ProbeResult finished(ProbeSpec spec, CommandCheck check, Instant at, long startNanos, int exit,
            String stdout, String stderr) {
        PluginOutput output = PluginOutput.parse(stdout);
        String text = output.summary();
        if (text.isEmpty()) {
            text = stderrLine(stderr);
        }
        Status status = Status.ofPluginExit(exit);
        String detail = text.isEmpty() ? null : text;
        if (exit < 0 || exit > 3) {
            detail = "exit status " + exit + (text.isEmpty() ? "" : ": " + text);
        }
        return result(spec, check, at, startNanos, status, status == Status.UP ? null : Reason.PLUGIN_STATUS, detail,
                exit, output.perfdata());
    }

    /**
     * stderr as one line, {@code stderr: } first: its first line, and its last when there are more
     * (a Perl plugin says what is wrong first, a Python traceback last); empty when there is none.
     */
    static String stderrLine(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String first = lines.get(0);
        String last = lines.get(lines.size() - 1);
        return "stderr: " + (lines.size() == 1 ? first : first + " … " + last);
    }

    private static ProbeResult result(ProbeSpec spec, CommandCheck check, Instant at, long startNanos, Status status,
            Reason reason, String detail, Integer exit, Perfdata perfdata) {
        return new ProbeResult(spec, at, status, reason, detail, System.nanoTime() - startNanos,
                new CommandDetails(check, exit, perfdata));
    }

    @Override
    public void close() {
        files.close();
    }
}
