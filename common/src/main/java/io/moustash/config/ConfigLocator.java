package io.moustash.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the configuration file: {@code -c/--config}, then {@code MOUSTASH_CONFIG}, then
 * {@code PREFIX/etc/moustash/moustash.ini} of the installation the launcher runs from (the system
 * property {@value #PREFIX_PROPERTY}, set by the launcher), then the {@link #DEFAULT_PATHS}. A file
 * named on the command line or in the environment must exist; the others may be absent, in which
 * case the tools run on built-in defaults.
 */
public final class ConfigLocator {
    public static final String ENV_VARIABLE = "MOUSTASH_CONFIG";
    public static final List<Path> DEFAULT_PATHS =
            List.of(Path.of("/usr/local/etc/moustash/moustash.ini"), Path.of("/etc/moustash/moustash.ini"));
    /** The installation prefix the launcher passes ({@code -Dmoustash.prefix=/opt/moustash}). */
    public static final String PREFIX_PROPERTY = "moustash.prefix";

    private final Map<String, String> environment;
    private final List<Path> defaults;

    public ConfigLocator(Map<String, String> environment, List<Path> defaults) {
        this.environment = environment;
        this.defaults = defaults;
    }

    public static ConfigLocator system() {
        return new ConfigLocator(System.getenv(), defaultPaths(System.getProperty(PREFIX_PROPERTY)));
    }

    /** {@code prefix/etc/moustash/moustash.ini} (when a prefix is given), then the {@link #DEFAULT_PATHS}, once each. */
    public static List<Path> defaultPaths(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return DEFAULT_PATHS;
        }
        return Stream.concat(Stream.of(Path.of(prefix, "etc/moustash/moustash.ini").normalize()),
                DEFAULT_PATHS.stream()).distinct().toList();
    }

    /** The file to read, or empty for built-in defaults. */
    public Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(mustExist(explicit, "--config"));
        }
        String fromEnv = environment.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(mustExist(Path.of(fromEnv), ENV_VARIABLE));
        }
        return defaults.stream().filter(Files::isRegularFile).findFirst();
    }

    private static Path mustExist(Path path, String namedBy) {
        if (!Files.exists(path)) {
            throw new ConfigException(List.of(ConfigProblem.ofFile(path.toString(),
                    "(named by " + namedBy + "): no such file")));
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(List.of(ConfigProblem.ofFile(path.toString(),
                    "(named by " + namedBy + "): not a regular file")));
        }
        return path;
    }

    /** What the tools say on stderr when they run without a file. */
    public String noFileNotice() {
        return "moustash: no configuration file (tried " + defaults.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + "; -c FILE or " + ENV_VARIABLE
                + " names another), using built-in defaults: Redis on localhost:6379";
    }
}
