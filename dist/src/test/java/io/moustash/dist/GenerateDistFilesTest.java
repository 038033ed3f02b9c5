package io.moustash.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.Option;
import io.moustash.cuir.config.CuirOptions;
import io.moustash.fouet.config.FouetOptions;
import io.moustash.runtime.MoustashSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step's man pages and completion, generated as the build does, have what a reader looks for. */
class GenerateDistFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> TOOLS = List.of("cuir", "fouet", "panpan");
    private static final List<String> TOOL_SECTIONS = List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS",
            "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO");

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws Exception {
        GenerateDistFiles.main(new String[] {out.toString(), ROOT.resolve("dist/src/main/sh/launcher").toString(),
            "1.2.3", ROOT.resolve("examples/moustash-redis.ini").toString(),
            "cuir|io.moustash.cuir.Cuir|-Xmx1m", "fouet|io.moustash.fouet.Fouet|-Xmx1m",
            "panpan|io.moustash.panpan.PanPan|-Xmx1m|--stdin"});
    }

    @Test
    void eachToolsPageHasItsSections() throws IOException {
        for (String tool : TOOLS) {
            String man = read("man/" + tool + ".1");
            assertEquals(TOOL_SECTIONS, sections(man).stream().filter(s -> !s.equals("ARGUMENTS") && !s.equals("SIGNALS"))
                    .toList(), tool);
            assertFalse(man.contains("${"), tool + ": a picocli variable left as it is: " + man);
            String exits = section(man, "EXIT STATUS");
            assertTrue(exits.contains("\\fB64\\fR") && exits.contains("\\fB78\\fR"), tool + ": " + exits);
            assertTrue(section(man, "EXAMPLES").contains("\\fB" + (tool.equals("fouet") ? "[eventlistener:fouet]" : tool)),
                    tool + ": " + section(man, "EXAMPLES"));
            String files = section(man, "FILES");
            assertTrue(files.contains("/etc/moustash/moustash.ini") && files.contains("/usr/local/etc/moustash/moustash.ini")
                    && files.contains("\\fIPREFIX\\fB/etc/moustash/moustash.ini"), files);
            assertTrue(section(man, "SEE ALSO").contains("\\fBmoustash.ini\\fR(5)"), man);
        }
        assertTrue(section(read("man/fouet.1"), "ENVIRONMENT").contains("SUPERVISOR_PROCESS_NAME"));
    }

    /** cuir(1) says what SIGHUP and SIGTERM do, after the exit statuses, and how supervisord sends SIGHUP. */
    @Test
    void cuirsPageHasItsSignals() throws IOException {
        String man = read("man/cuir.1");
        List<String> sections = sections(man);
        assertEquals(sections.indexOf("EXIT STATUS") + 1, sections.indexOf("SIGNALS"), sections.toString());
        String signals = section(man, "SIGNALS").replace("\\-", "-");
        assertTrue(signals.contains(".TP\n\\fBSIGHUP\\fR\nReads the configuration file again"), signals);
        assertTrue(signals.contains("supervisorctl signal HUP cuir"), signals);
        assertTrue(signals.contains(".TP\n\\fBSIGTERM\\fR\n"), signals);
        String options = section(man, "OPTIONS").replace("\\-", "-");
        assertTrue(options.contains("\\fB--status\\fR"), options);
        assertTrue(read("completion/cuir").contains("--status"), "completion offers --status");
    }

    /** Every MOUSTASH_ variable the launcher or the code reads is in every tool's ENVIRONMENT. */
    @Test
    void theEnvironmentSectionNamesEveryVariableTheLauncherAndTheCodeRead() throws IOException {
        Set<String> read = new TreeSet<>(variables(Files.readString(ROOT.resolve("dist/src/main/sh/launcher"))));
        for (String module : TOOLS.stream().map(t -> t + "/src/main/java").toList()) {
            read.addAll(variablesUnder(ROOT.resolve(module)));
        }
        read.addAll(variablesUnder(ROOT.resolve("common/src/main/java")));
        assertTrue(read.containsAll(List.of("MOUSTASH_CONFIG", "MOUSTASH_CDS", "MOUSTASH_JAVA_OPTS",
                "MOUSTASH_CACHE_DIR", "MOUSTASH_SPOOL_DIR")), read.toString());
        for (String tool : TOOLS) {
            String environment = section(read("man/" + tool + ".1"), "ENVIRONMENT").replace("\\-", "-");
            for (String variable : read) {
                assertTrue(environment.contains("\\fB" + variable), tool + "(1) ENVIRONMENT lacks " + variable + ":\n"
                        + environment);
            }
            assertTrue(environment.contains("\\fBJAVA_HOME"), environment);
        }
    }

    @Test
    void theConfigurationFilePageListsEveryOptionOfEverySection() throws IOException {
        String man = read("man5/moustash.ini.5");
        assertTrue(man.startsWith(".TH MOUSTASH.INI 5 "), man);
        assertEquals(List.of("NAME", "SYNOPSIS", "DESCRIPTION", "[MOUSTASH]", "[CUIR]", "[CUIR:NAME]", "[FOUET]",
                "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"), sections(man));
        check(section(man, "[MOUSTASH]"), MoustashSettings.OPTIONS);
        check(section(man, "[CUIR]"), CuirOptions.SECTION_OPTIONS);
        check(section(man, "[CUIR:NAME]"), CuirOptions.PROBE_OPTIONS);
        check(section(man, "[FOUET]"), FouetOptions.ALL);
        assertTrue(section(man, "[MOUSTASH]").contains("\\fBredis_host\\fR (also redis_ip)"), "older spellings");
        assertTrue(section(man, "[MOUSTASH]").contains("Redis server port. Default: 6379."), "defaults");
        assertTrue(section(man, "[FOUET]").contains("Default: crash, fatal."), "sets in a stable order");
        assertTrue(section(man, "EXAMPLES").contains("redis_port = 6379"), "the file install.sh copies");
        assertFalse(Pattern.compile("\\w@[0-9a-f]{5,}\\b").matcher(man).find(), "no Object.toString() for a default: " + man);
    }

    @Test
    void completionOffersTheValuesOfEnumeratedOptions() throws IOException {
        String panpan = read("completion/panpan");
        assertTrue(panpan.contains("=(\"redis\" \"rabbitmq\" \"stdout\") # --transport values"), panpan);
        assertTrue(panpan.contains("=(\"ecs\" \"legacy\") # --format values"), panpan);
    }

    @Test
    void theLauncherIsWrittenForEachTool() throws IOException {
        String cuir = read("bin/cuir");
        assertTrue(cuir.contains("main=io.moustash.cuir.Cuir"), cuir);
        assertFalse(cuir.contains("@TOOL@"), cuir);
    }

    private static void check(String section, List<Option<?>> options) {
        for (Option<?> option : options) {
            assertTrue(section.contains(".TP\n\\fB" + ManPage.escape(option.name()) + "\\fR"), option.name() + ":\n" + section);
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(out.resolve(file), StandardCharsets.UTF_8);
    }

    private static List<String> sections(String man) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\.SH (.*)$").matcher(man);
        while (m.find()) {
            names.add(m.group(1).replace("\\-", "-"));
        }
        return names;
    }

    private static String section(String man, String name) {
        int start = man.indexOf(".SH " + name + "\n");
        assertTrue(start >= 0, "no section " + name);
        int end = man.indexOf("\n.SH ", start + 1);
        return man.substring(start, end < 0 ? man.length() : end);
    }

    private static Set<String> variablesUnder(Path sources) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                found.addAll(variables(Files.readString(file)));
            }
        }
        return found;
    }

    private static Set<String> variables(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("MOUSTASH_[A-Z_]*[A-Z]").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
