package io.moustash.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.InvalidFileFormatException;
import org.ini4j.Profile;
import org.junit.jupiter.api.Test;

/**
 * {@link IniDocument}'s own parser reads what ini4j 0.5.4 read, with the settings Moustash used it
 * with, so that no file that loaded before reads differently now: generated files full of the
 * awkward cases (continuations, comments, separators, case, repeated sections and options, empty
 * values, blank lines, CR line ends) go through both, and the sections, options and values, or
 * the refusal, must be the same.
 */
class IniParserOracleTest {
    private static final String[] LINES = {
        "[moustash]", "[Moustash]", "[cuir]", "[cuir:web]", "[ cuir : web ]", "[a]b", "[]", "[unclosed",
        "key = value", "key=value", "Key : value", "key: a:b:c", "key = a = b", "key =", "key", "  key = spaced  ",
        "key = ends \\", "key = two \\\\", "\\= = escaped operator", "a\\:b = c", "key = # not a comment",
        "# comment", "; comment", "  # indented comment", "  indented = option", "\tkey\t=\tvalue\t",
        "", "   ", "key = v ; inline", "SSH: 127.0.0.1:22:ssh server", "send = GET / HTTP/1.0\\r\\n\\r\\n",
        "key = é ünïcode", "=novalue", ":colon first", "key = [bracket]", "[section] ; comment",
    };

    @Test
    void generatedFilesReadAsIni4jReadThem() {
        Random random = new Random(20261202L);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                text.append(LINES[random.nextInt(LINES.length)]).append(random.nextInt(8) == 0 ? "\r\n" : "\n");
            }
            if (random.nextBoolean()) {
                text.setLength(text.length() - 1);
            }
            String file = text.toString();
            assertEquals(ini4j(file), ours(file), () -> "file:\n" + file.replace("\r", "\\r"));
        }
    }

    /** Sections by lower-cased name, in the order first seen, each with its options in file order; or "refused". */
    private static String ours(String text) {
        try {
            IniDocument document = IniDocument.parse(text, "test.ini");
            Map<String, List<String>> read = new LinkedHashMap<>();
            for (IniSection section : document.sections()) {
                List<String> entries = read.computeIfAbsent(section.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                section.entries().forEach(e -> entries.add(e.name() + "=" + e.value()));
            }
            return sorted(read);
        } catch (ConfigException e) {
            return "refused";
        }
    }

    /** The same from ini4j, configured and read back as IniDocument did before it had its own parser. */
    private static String ini4j(String text) {
        Config config = new Config();
        config.setEscape(false);
        config.setMultiOption(true);
        config.setMultiSection(true);
        config.setEmptyOption(true);
        config.setGlobalSection(false);
        config.setTree(false);
        Ini ini = new Ini();
        ini.setConfig(config);
        try {
            ini.load(new StringReader(text));
        } catch (InvalidFileFormatException e) {
            return "refused";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, List<String>> read = new LinkedHashMap<>();
        for (String name : ini.keySet()) {
            for (Profile.Section section : ini.getAll(name)) {
                List<String> entries = read.computeIfAbsent(name.trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                for (String option : section.keySet()) {
                    for (String value : section.getAll(option)) {
                        entries.add(option.trim() + "=" + (value == null ? "" : value.trim()));
                    }
                }
            }
        }
        return sorted(read);
    }

    /**
     * Each section's options as a sorted list: ini4j groups a repeated option with its first
     * occurrence and gives no line numbers, so the order within a section is not compared here
     * (IniDocument keeps file order, which the configuration tests check).
     */
    private static String sorted(Map<String, List<String>> read) {
        read.values().forEach(entries -> entries.sort(Comparator.naturalOrder()));
        return read.toString();
    }
}
