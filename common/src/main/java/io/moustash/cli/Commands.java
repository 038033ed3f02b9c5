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
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable cause = unwrap(e);
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandName() + ": " + message(cause));
            if (parsed.hasMatchedOption("--verbose")) {
                cause.printStackTrace(err);
            }
            err.flush();
            return exitCode(cause);
        });
        return line;
    }

    /** Parses, runs, and returns the exit status. */
    public static int run(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + usageMessage(e));
        err.println("Try '" + cmd.getCommandName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
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
