package io.moustash.event;

/** What the encoders did to strings before {@link JsonWriter}, kept as the reference its test compares against. */
final class Text {
    private Text() {
    }

    /**
     * Replaces unpaired UTF-16 surrogates with U+FFFD. Java strings may hold them, UTF-8 cannot,
     * and Jackson refuses to write them; a broken character must not cost the whole event.
     */
    static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return repair(s);
            }
        }
        return s;
    }

    private static String repair(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
