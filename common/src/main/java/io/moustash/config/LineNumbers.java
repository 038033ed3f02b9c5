package io.moustash.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each option of an ini text was written, which ini4j does not keep: found by reading the
 * lines the way ini4j does (comments start with {@code ;} or {@code #}, {@code [name]} opens a
 * section, the name of an option ends at the first {@code =} or {@code :}, a line ending in a
 * backslash goes on on the next one), so that a warning can say "lines 3 and 7".
 */
final class LineNumbers {
    /** Lines by section name, then by the section's occurrence, then by option name, in file order. */
    private final Map<String, List<Map<String, List<Integer>>>> sections = new HashMap<>();

    private LineNumbers() {
    }

    static LineNumbers of(String text) {
        LineNumbers numbers = new LineNumbers();
        Map<String, List<Integer>> current = null;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            StringBuilder logical = new StringBuilder(lines[i].trim());
            while (endsWithOddBackslashes(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(lines[++i].trim());
            }
            String line = logical.toString();
            if (line.isEmpty() || line.charAt(0) == ';' || line.charAt(0) == '#') {
                continue;
            }
            if (line.charAt(0) == '[' && line.endsWith("]")) {
                current = new HashMap<>();
                numbers.sections.computeIfAbsent(line.substring(1, line.length() - 1).trim(), k -> new ArrayList<>())
                        .add(current);
                continue;
            }
            if (current != null) {
                current.computeIfAbsent(optionName(line), k -> new ArrayList<>()).add(number);
            }
        }
        return numbers;
    }

    /** The line of the {@code index}-th value of {@code option} in the {@code occurrence}-th {@code [section]}; 0 if unknown. */
    int line(String section, int occurrence, String option, int index) {
        List<Map<String, List<Integer>>> found = sections.get(section.trim());
        if (found == null || occurrence >= found.size()) {
            return 0;
        }
        List<Integer> lines = found.get(occurrence).get(option.trim());
        return lines == null || index >= lines.size() ? 0 : lines.get(index);
    }

    private static String optionName(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':') {
                return line.substring(0, i).trim();
            }
        }
        return line;
    }

    private static boolean endsWithOddBackslashes(CharSequence line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return (count & 1) == 1;
    }
}
