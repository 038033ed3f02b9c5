package io.moustash.fouet.protocol;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code name:value} words of a line supervisord writes: a header, a payload's first line. */
public final class Tokens {
    /** Compiled once: a header and a payload line are split for every event. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Tokens() {
    }

    /**
     * Puts each {@code name:value} word of {@code line} into {@code tokens} (a repeated name keeps
     * its last value) and every other non-empty word into {@code strays}, when given.
     */
    public static void parse(String line, Map<String, String> tokens, List<String> strays) {
        for (String word : SPACES.split(line.trim())) {
            int colon = word.indexOf(':');
            if (colon > 0) {
                tokens.put(word.substring(0, colon), word.substring(colon + 1));
            } else if (strays != null && !word.isEmpty()) {
                strays.add(word);
            }
        }
    }
}
