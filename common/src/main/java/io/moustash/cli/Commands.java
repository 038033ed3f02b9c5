package io.moustash.cli;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * Runs a tool's picocli command the Moustash way: a usage mistake prints one line and the hint to
 * {@code --help} (exit 64); a {@link MoustashException} prints its message (its own exit status);
 * anything else is a bug, printed as one line (exit 70). Never a stack trace, unless -v.
 */
public final class Commands {
    private Commands() {
    }

    /** A command line with Moustash's handlers, for {@code main} and for tests that set out/err. */
    public static CommandLine commandLine(Object command) {
        CommandLine line = new CommandLine(command);
        line.setExitCodeExceptionMapper(Commands::exitCode);
        line.setParameterExceptionHandler(Commands::usageError);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> failure(cmd.getCommandName(), e,
                parsed.hasMatchedOption("--verbose"), cmd.getErr()));
        return line;
    }

    /**
     * What a command that failed says and returns: its one line on {@code err} (with the stack
     * trace when {@code verbose}) and the exit status. picocli's handler and a tool's own quick
     * path without picocli (PanPan's one-shot) both end here.
     */
    public static int failure(String command, Throwable e, boolean verbose, PrintWriter err) {
        Throwable cause = unwrap(e);
        err.println(command + ": " + message(cause));
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return exitCode(cause);
    }

    /** A usage mistake: one line, the hint to --help, exit 64; for picocli's handler and a tool's quick path. */
    public static int usageError(String command, String message, PrintWriter err) {
        err.println(command + ": " + message);
        err.println("Try '" + command + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** Parses, runs, and returns the exit status. */
    public static int run(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        return usageError(cmd.getCommandName(), usageMessage(e), cmd.getErr());
    }

    /**
     * picocli's message, but for a word given to a command that takes none, where picocli's
     * "Unmatched argument at index 0" would leave the user guessing.
     */
    private static String usageMessage(CommandLine.ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && cmd.getCommandSpec().positionalParameters().isEmpty() && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (!first.startsWith("-")) {
                return "unexpected argument '" + first + "': " + cmd.getCommandName() + " takes no arguments, only options";
            }
        }
        return e.getMessage();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        if (t instanceof MoustashException) {
            return t.getMessage();
        }
        return "internal error: " + t;
    }

    private static int exitCode(Throwable t) {
        Throwable cause = unwrap(t);
        return cause instanceof MoustashException m ? m.exitCode() : ExitCode.SOFTWARE;
    }
}
