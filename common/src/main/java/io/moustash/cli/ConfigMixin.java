package io.moustash.cli;

import io.moustash.config.ConfigLocator;
import io.moustash.runtime.MoustashSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The options every tool shares: where the configuration is, and how much to say. */
public final class ConfigMixin {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: $MOUSTASH_CONFIG, then PREFIX/etc/moustash/moustash.ini of the installation,"
                    + " then /usr/local/etc/moustash/moustash.ini, then /etc/moustash/moustash.ini).")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "Log more on stderr.")
    boolean verbose;

    /** The options as given on a command line read without picocli (PanPan's one-shot path). */
    public static ConfigMixin of(Path config, boolean verbose) {
        ConfigMixin mixin = new ConfigMixin();
        mixin.config = config;
        mixin.verbose = verbose;
        return mixin;
    }

    /** The {@code -c} file, or {@code null}. */
    public Path config() {
        return config;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Reads the configuration; warnings go to stderr, errors throw (exit 78). */
    public MoustashSettings load() {
        return load(Logging::warn);
    }

    /** As {@link #load()}, with the configuration's warnings sent to {@code warnings}. */
    public MoustashSettings load(Consumer<String> warnings) {
        return load(Map.of(), warnings);
    }

    /**
     * As {@link #load(Consumer)}; an option of the tool's own sections written in {@code [moustash]}
     * draws a warning naming the section it belongs in.
     */
    public MoustashSettings load(Map<String, List<io.moustash.config.Option<?>>> toolSections,
            Consumer<String> warnings) {
        if (verbose) {
            Logging.verbose();
        }
        return MoustashSettings.load(config, ConfigLocator.system(), toolSections, warnings);
    }
}
