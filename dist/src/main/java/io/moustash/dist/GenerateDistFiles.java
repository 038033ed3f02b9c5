package io.moustash.dist;

import io.moustash.cli.EnvironmentVariable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build step of the distribution (run by the exec plugin at prepare-package): for each tool,
 * writes its launcher from the one template, its man page and its bash completion, the last two
 * from the tool's own picocli definition so that they cannot drift from the code.
 *
 * <p>Also writes moustash.ini(5) ({@link ConfigFilePage}), with the example configuration install.sh
 * copies.
 *
 * <p>Arguments: output directory, launcher template, version, the example configuration, then one
 * {@code name|mainClass|jvmOptions[|streamArgument]} per tool; with the stream argument among its
 * arguments the launcher passes the same options less {@value #C1_ONLY}, keeping the optimising
 * compiler on.
 */
public final class GenerateDistFiles {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private GenerateDistFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String template = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        String version = args[2];
        String example = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8);
        List<EnvironmentVariable> launcherEnvironment = launcherEnvironment(template);
        write(out.resolve("man5").resolve(ConfigFilePage.NAME + ".5"), ConfigFilePage.render(version, example));
        for (int i = 4; i < args.length; i++) {
            String[] tool = args[i].split("\\|", 4);
            String name = tool[0];
            String mainClass = tool[1];
            String javaOptions = tool[2].trim().replaceAll("\\s+", " ");
            boolean stream = tool.length > 3 && !tool[3].isBlank();
            CommandLine command = new CommandLine(Class.forName(mainClass));
            command.setCommandName(name);

            write(out.resolve("bin").resolve(name), template.replace("@TOOL@", name)
                    .replace("@MAIN@", mainClass).replace("@JAVA_OPTS@", javaOptions)
                    .replace("@STREAM_ARG@", stream ? tool[3].trim() : "")
                    .replace("@STREAM_JAVA_OPTS@", stream ? streamOptions(javaOptions) : ""));
            write(out.resolve("man").resolve(name + ".1"), ManPage.render(command, version, launcherEnvironment));
            write(out.resolve("completion").resolve(name), AutoComplete.bash(name, command));
        }
    }

    /**
     * The variables the launcher's own comment lists under {@code # Environment:}, one
     * {@code #   NAME   meaning} line each (further lines of a meaning indented under it), so that
     * the man pages say what the launcher reads in its own words.
     */
    static List<EnvironmentVariable> launcherEnvironment(String template) {
        List<EnvironmentVariable> variables = new ArrayList<>();
        boolean inside = false;
        for (String line : template.lines().toList()) {
            if (line.equals("# Environment:")) {
                inside = true;
            } else if (inside) {
                Matcher m = VARIABLE_LINE.matcher(line);
                if (!m.matches()) {
                    break;
                }
                String meaning = m.group(2);
                variables.add(new EnvironmentVariable(m.group(1),
                        Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1) + "."));
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalStateException("the launcher template lists no variables under '# Environment:'");
        }
        return variables;
    }

    private static final Pattern VARIABLE_LINE = Pattern.compile("#   ([A-Z_]+(?:=\\S+)?)\\s{2,}(\\S.*)");

    /** The options for a long stream: the same, with the optimising compiler left on. */
    static String streamOptions(String javaOptions) {
        return java.util.Arrays.stream(javaOptions.split(" "))
                .filter(option -> !option.equals(C1_ONLY)).collect(java.util.stream.Collectors.joining(" "));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
