package io.moustash.cuir.check.command;

import io.moustash.config.Option;
import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.CheckKind;
import io.moustash.cuir.check.CheckSection;
import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code command}: run a Nagios plugin. */
public final class CommandKind implements CheckKind<CommandCheck> {
    public static final CommandKind KIND = new CommandKind();

    public static final Option<List<String>> COMMAND = Option.of("command", CommandWords::split, null,
            "A Nagios plugin to run instead of connecting: exit 0/1/2/3 is OK/WARNING/CRITICAL/UNKNOWN.");

    private CommandKind() {
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public List<Option<?>> keys() {
        return List.of(COMMAND);
    }

    @Override
    public String needs() {
        return "a command";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COMMAND);
    }

    @Override
    public Optional<CommandCheck> read(CheckSection section) {
        Optional<List<String>> words = section.find(COMMAND);
        words.ifPresent(w -> {
            String program = w.get(0);
            // A plugin that is not there yet may be installed later: a warning, not an error.
            if (program.startsWith("/") && !Files.isExecutable(Path.of(program))) {
                section.warning("command: " + program + " is not an executable file; the probe will report UNKNOWN until it is");
            }
        });
        return words.map(CommandCheck::new);
    }

    @Override
    public Prober<CommandCheck> prober(ProbeContext context) {
        return new CommandProber();
    }

    @Override
    public CommandCheck cast(Check check) {
        return (CommandCheck) check;
    }
}
