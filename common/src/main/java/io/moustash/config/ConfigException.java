package io.moustash.config;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a configuration, collected before anything started. The message has one
 * line per problem; a tool prints it and exits with {@link ExitCode#CONFIG}.
 */
public class ConfigException extends MoustashException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(ExitCode.CONFIG, problems.stream().map(ConfigProblem::toString)
                .collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
