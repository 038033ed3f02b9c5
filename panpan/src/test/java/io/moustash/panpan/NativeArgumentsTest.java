package io.moustash.panpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeArgumentsTest {
    private static byte[] cmdline(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            out.writeBytes(entry);
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void asciiLocaleArgumentsAreDecodedAgainAsUtf8() {
        byte[] cafe = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] broken = {'a', (byte) 0xFF};
        byte[] raw = cmdline(ascii("java"), ascii("-jar"), ascii("panpan.jar"), ascii("-n"), cafe, broken);
        // What Java made of them in the POSIX locale: one '?' per byte it could not decode.
        String[] javaArgs = {"-n", "caf??", "a?"};
        assertArrayEquals(new String[] {"-n", "caf\u00e9", "a\uFFFD"},
                NativeArguments.recode(javaArgs, raw, StandardCharsets.US_ASCII));
    }

    @Test
    void keepsJavasArgumentsWhenTheEntriesDoNotMatch() {
        String[] javaArgs = {"hello", "world"};
        byte[] raw = cmdline(ascii("java"), ascii("something"), ascii("else"));
        assertSame(javaArgs, NativeArguments.recode(javaArgs, raw, StandardCharsets.US_ASCII));
        assertSame(javaArgs, NativeArguments.recode(javaArgs, cmdline(ascii("world")), StandardCharsets.US_ASCII));
        assertSame(javaArgs, NativeArguments.recode(javaArgs, raw, StandardCharsets.UTF_16));
    }
}
