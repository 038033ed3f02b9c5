package io.moustash.panpan;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line arguments as UTF-8, whatever the locale. Java decodes {@code argv} with the
 * locale's charset, and cron runs jobs in the POSIX locale, where that is ASCII: {@code panpan
 * "café"} would arrive as {@code caf??}. Linux keeps the raw bytes in {@code /proc/self/cmdline},
 * so under a single-byte platform charset the arguments are decoded again from there, as UTF-8,
 * bytes that are not UTF-8 becoming U+FFFD.
 */
final class NativeArguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private NativeArguments() {
    }

    static String[] utf8(String[] args) {
        Charset platform = platformCharset();
        if (args.length == 0 || platform == null || platform.equals(StandardCharsets.UTF_8)) {
            return args;
        }
        try {
            return recode(args, Files.readAllBytes(CMDLINE), platform);
        } catch (IOException | SecurityException e) {
            return args; // not Linux: keep what Java decoded
        }
    }

    /**
     * {@code args} decoded from the last {@code args.length} NUL-terminated entries of
     * {@code cmdline}, provided {@code platform} is single-byte and every entry has as many bytes as
     * its argument has characters (else the entries are not the arguments, and {@code args} is kept).
     */
    static String[] recode(String[] args, byte[] cmdline, Charset platform) {
        if (platform.newEncoder().maxBytesPerChar() != 1.0f) {
            return args;
        }
        List<byte[]> entries = split(cmdline);
        if (entries.size() < args.length) {
            return args;
        }
        List<byte[]> mine = entries.subList(entries.size() - args.length, entries.size());
        String[] decoded = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            if (mine.get(i).length != args[i].length()) {
                return args;
            }
            decoded[i] = new String(mine.get(i), StandardCharsets.UTF_8);
        }
        return decoded;
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            entries.add(Arrays.copyOfRange(cmdline, start, cmdline.length));
        }
        return entries;
    }

    private static Charset platformCharset() {
        try {
            String name = System.getProperty("sun.jnu.encoding");
            return name == null ? null : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
