package io.moustash.cuir.check;

import io.moustash.cuir.check.command.CommandKind;
import java.util.List;

/** Run a program as a Nagios plugin: exit 0/1/2/3 is OK/WARNING/CRITICAL/UNKNOWN. */
public record CommandCheck(List<String> command) implements Check {

    public CommandCheck {
        command = List.copyOf(command);
    }

    @Override
    public CheckKind<?> kind() {
        return CommandKind.KIND;
    }

    /** The command's words joined again, quoted where a word needs it, so the line reads as it was written. */
    @Override
    public String target() {
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            if (line.length() > 0) {
                line.append(' ');
            }
            boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\');
            line.append(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    @Override
    public List<String> settings() {
        return List.of();
    }
}
