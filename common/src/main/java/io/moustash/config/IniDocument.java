package io.moustash.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed ini file: sections by case-insensitive name ({@code [Moustash]} and {@code [moustash]}
 * are one section, their options merged). Immutable once loaded.
 *
 * <p>Values are taken as written, without backslash escapes: values such as Cuir's
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
     *
     * <p>The grammar is ini4j's (0.5.4, with escapes off, repeated options and sections kept, no
     * global section), which Moustash used until reading it cost a one-shot about 40 ms of its
     * start (docs/benchmarks.md, Fast start): each line is trimmed; an empty one is skipped; one
     * starting with {@code ;} or {@code #} is a comment, except inside a continued line; a line
     * ending in an odd number of backslashes goes on on the next non-empty line (the backslash
     * dropped); {@code [name]} opens a section (the name trimmed, not empty); any other line is an
     * option, its name up to the first {@code =} or {@code :} not preceded by a backslash, its
     * value after it (both trimmed; no operator: the whole line is the name, the value empty), and
     * needs a section above it. Anything else is "parse error (at line: N): LINE", N the last
     * physical line read. An option's line is the first physical line of its logical line.
     */
    public static IniDocument parse(String text, String origin) {
        if (text.startsWith(BOM)) {
            text = text.substring(BOM.length());
        }
        // Sections by their name as spelled, in order of first appearance, each with its occurrences:
        // the order in which ini4j handed them out, and so the order of a merged section's entries.
        Map<String, List<List<IniEntry>>> spelled = new LinkedHashMap<>();
        List<IniEntry> current = null;
        int length = text.length();
        int position = 0;
        int number = 0;
        StringBuilder continued = new StringBuilder();
        int firstLine = 0;
        while (position < length) {
            int end = position;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(position, end).trim();
            number++;
            position = end < length && text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n'
                    ? end + 2 : end + 1;
            if (line.isEmpty() || (continued.length() == 0 && (line.charAt(0) == ';' || line.charAt(0) == '#'))) {
                continue;
            }
            if (continued.length() == 0) {
                firstLine = number;
            }
            if (endsWithOddBackslashes(line)) {
                continued.append(line, 0, line.length() - 1);
                continue;
            }
            if (continued.length() > 0) {
                line = continued.append(line).toString();
                continued.setLength(0);
            }
            if (line.charAt(0) == '[') {
                String name = line.endsWith("]") ? line.substring(1, line.length() - 1).trim() : "";
                if (name.isEmpty()) {
                    throw notIni(origin, number, line);
                }
                current = new ArrayList<>();
                List<List<IniEntry>> occurrences = spelled.get(name);
                if (occurrences == null) {
                    occurrences = new ArrayList<>();
                    spelled.put(name, occurrences);
                }
                occurrences.add(current);
                continue;
            }
            if (current == null) {
                throw notIni(origin, number, line);
            }
            int operator = operator(line);
            String option = operator < 0 ? line : line.substring(0, operator).trim();
            if (option.isEmpty()) {
                throw notIni(origin, number, line);
            }
            current.add(new IniEntry(option, operator < 0 ? "" : line.substring(operator + 1).trim(), firstLine));
        }
        Map<String, IniSection> sections = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<IniEntry>>> name : spelled.entrySet()) {
            for (List<IniEntry> entries : name.getValue()) {
                IniSection read = new IniSection(name.getKey(), entries);
                IniSection before = sections.get(key(name.getKey()));
                sections.put(key(name.getKey()), before == null ? read : IniSection.merge(before, read));
            }
        }
        return new IniDocument(origin, sections);
    }

    private static ConfigException notIni(String origin, int number, String line) {
        return new ConfigException(List.of(ConfigProblem.ofFile(origin,
                "is not an ini file: parse error (at line: " + number + "): " + line)));
    }

    /** The first {@code =} or {@code :} not preceded by a backslash; -1 when there is none. */
    private static int operator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '=' || c == ':') && (i == 0 || line.charAt(i - 1) != '\\')) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return (count & 1) == 1;
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
