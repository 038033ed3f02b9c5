package io.moustash.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installation's own file comes before the usual places, and "no file" names every place tried. */
class ConfigLocatorTest {
    @TempDir
    Path dir;

    @Test
    void theInstallationPrefixComesFirstAmongTheDefaultPlaces() {
        assertEquals(List.of(Path.of("/opt/moustash/etc/moustash/moustash.ini"),
                Path.of("/usr/local/etc/moustash/moustash.ini"), Path.of("/etc/moustash/moustash.ini")),
                ConfigLocator.defaultPaths("/opt/moustash"));
        assertEquals(ConfigLocator.DEFAULT_PATHS, ConfigLocator.defaultPaths("/usr/local"), "each place once");
        assertEquals(ConfigLocator.DEFAULT_PATHS, ConfigLocator.defaultPaths("/usr/local/"));
        assertEquals(ConfigLocator.DEFAULT_PATHS, ConfigLocator.defaultPaths(null));
        assertEquals(ConfigLocator.DEFAULT_PATHS, ConfigLocator.defaultPaths(""));
    }

    @Test
    void theFileUnderThePrefixIsFoundBeforeTheSystemOnes() throws IOException {
        Path prefix = dir.resolve("prefix");
        Path own = prefix.resolve("etc/moustash/moustash.ini");
        Files.createDirectories(own.getParent());
        Files.writeString(own, "[moustash]\n");
        Path system = Files.writeString(dir.resolve("system.ini"), "[moustash]\n");
        List<Path> places = List.of(ConfigLocator.defaultPaths(prefix.toString()).get(0), system);
        assertEquals(Optional.of(own), new ConfigLocator(Map.of(), places).locate(null));
        Path fromEnv = Files.writeString(dir.resolve("env.ini"), "[moustash]\n");
        assertEquals(Optional.of(fromEnv),
                new ConfigLocator(Map.of(ConfigLocator.ENV_VARIABLE, fromEnv.toString()), places).locate(null));
    }

    @Test
    void noFileNamesEveryPlaceTried() {
        ConfigLocator locator = new ConfigLocator(Map.of(), ConfigLocator.defaultPaths("/opt/moustash"));
        assertEquals(Optional.empty(), new ConfigLocator(Map.of(), List.of(dir.resolve("absent.ini"))).locate(null));
        assertEquals("moustash: no configuration file (tried /opt/moustash/etc/moustash/moustash.ini,"
                + " /usr/local/etc/moustash/moustash.ini, /etc/moustash/moustash.ini; -c FILE or MOUSTASH_CONFIG names"
                + " another), using built-in defaults: Redis on localhost:6379", locator.noFileNotice());
    }
}
