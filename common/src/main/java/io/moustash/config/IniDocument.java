package io.moustash.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.InvalidFileFormatException;
import org.ini4j.Profile;

/**
 * A parsed ini file: sections by case-insensitive name ({@code [Moustash]} and {@code [moustash]}
 * are one section, their options merged). Immutable once loaded.
 *
 * <p>ini4j does the parsing, with its backslash escapes turned off: values such as Cuir's
 * {@code send = GET /\r\n} reach the tool as written and the tool decides what an escape means.
 */
public final class IniDocument {
    private static final String BOM = "\uFEFF";

    private final String origin;
    private final Map<String, IniSection> sections;

    private IniDocument(String origin, Map<String, IniSection> sections) {
        this.origin = origin;
        this.sections = sections;
    }

    /** An empty document, used when no configuration file exists. */
    public static IniDocument empty(String origin) {
        return new IniDocument(origin, Map.of());
    }

    public static IniDocument load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigProblem.ofFile(file.toString(),
                    "cannot be read: " + describe(e))));
        }
        return parse(decode(bytes, file.toString()), file.toString());
    }

    /**
     * The text of a UTF-8 file. A file saved in Latin-1 or Windows-1252 (an accented probe message)
     * is refused with the number of its first line that is not UTF-8, so the user knows where to look.
     */
    static String decode(byte[] bytes, String origin) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(ConfigProblem.ofFile(origin, "is not valid UTF-8 text (line "
                    + firstBadLine(bytes) + "): save it as UTF-8")));
        }
    }

    /** The 1-based number of the first line that does not decode as UTF-8. */
    private static int firstBadLine(byte[] bytes) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line - 1;
    }

    /**
     * Parses {@code text}. A leading byte-order mark, which Windows editors write and no one sees,
     * is skipped rather than taken for part of the first section's name.
     */
    public static IniDocument parse(String text, String origin) {
        if (text.startsWith(BOM)) {
            text = text.substring(BOM.length());
        }
        LineNumbers lines = LineNumbers.of(text);
        Ini ini = new Ini();
        ini.setConfig(parserConfig());
        try (Reader reader = new StringReader(text)) {
            ini.load(reader);
        } catch (InvalidFileFormatException e) {
            throw new ConfigException(List.of(ConfigProblem.ofFile(origin,
                    "is not an ini file: " + e.getMessage().trim())));
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigProblem.ofFile(origin, "cannot be read: " + describe(e))));
        }
        Map<String, IniSection> sections = new LinkedHashMap<>();
        for (String name : ini.keySet()) {
            List<Profile.Section> repeats = ini.getAll(name);
            for (int occurrence = 0; occurrence < repeats.size(); occurrence++) {
                Profile.Section section = repeats.get(occurrence);
                List<IniEntry> entries = new ArrayList<>();
                for (String option : section.keySet()) {
                    List<String> values = section.getAll(option);
                    for (int i = 0; i < values.size(); i++) {
                        String value = values.get(i);
                        entries.add(new IniEntry(option.trim(), value == null ? "" : value.trim(),
                                lines.line(name, occurrence, option, i)));
                    }
                }
                // ini4j groups a repeated option with its first occurrence: file order comes back by line.
                entries.sort(Comparator.comparingInt(IniEntry::line));
                IniSection read = new IniSection(name.trim(), entries);
                sections.merge(key(name), read, IniSection::merge);
            }
        }
        return new IniDocument(origin, sections);
    }

    private static Config parserConfig() {
        Config config = new Config();
        config.setEscape(false);
        config.setMultiOption(true);
        config.setMultiSection(true);
        config.setEmptyOption(true);
        config.setGlobalSection(false);
        config.setTree(false);
        return config;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** Where this document came from: a file path, or a description such as "built-in defaults". */
    public String origin() {
        return origin;
    }

    public Optional<IniSection> section(String name) {
        return Optional.ofNullable(sections.get(key(name)));
    }

    /** The named section, or an empty one when the file has none. */
    public IniSection sectionOrEmpty(String name) {
        return section(name).orElseGet(() -> IniSection.empty(name));
    }

    /** Sections whose name starts with {@code prefix}, case-insensitively, e.g. {@code cuir:}. */
    public List<IniSection> sectionsStartingWith(String prefix) {
        String lower = key(prefix);
        List<IniSection> found = new ArrayList<>();
        sections.forEach((name, section) -> {
            if (name.startsWith(lower)) {
                found.add(section);
            }
        });
        return found;
    }

    public List<IniSection> sections() {
        return List.copyOf(sections.values());
    }
}
