package io.moustash.cuir.config;

import io.moustash.cuir.check.tcp.Escapes;
import io.moustash.cuir.check.command.CommandWords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The escapes of send, the words of command and the active windows. */
class SmallParsersTest {

    @Test
    void escapesBecomeBytes() {
        assertArrayEquals("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Escapes.unescape("GET / HTTP/1.0\\r\\n\\r\\n"));
        assertArrayEquals(new byte[] {0x16, 0x03, 'a', '\\', '\t', 0}, Escapes.unescape("\\x16\\x03a\\\\\\t\\0"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), Escapes.unescape("é"));
        assertEquals("unknown escape \\q: use \\r, \\n, \\t, \\0, \\\\ or \\xHH",
                assertThrows(IllegalArgumentException.class, () -> Escapes.unescape("a\\qb")).getMessage());
        assertEquals("\\x needs two hex digits: use \\r, \\n, \\t, \\0, \\\\ or \\xHH",
                assertThrows(IllegalArgumentException.class, () -> Escapes.unescape("\\x4")).getMessage());
    }

    @Test
    void commandsSplitLikeAShellWithoutItsDangers() {
        assertEquals(List.of("/usr/lib/nagios/plugins/check_disk", "-w", "10%", "/"),
                CommandWords.split("/usr/lib/nagios/plugins/check_disk -w 10% /"));
        assertEquals(List.of("/bin/sh", "-c", "echo \"a b\"; exit 2", "x y", "$HOME"),
                CommandWords.split("/bin/sh -c 'echo \"a b\"; exit 2' \"x y\" $HOME"));
        assertEquals(List.of("a b", "c\"d"), CommandWords.split("a\\ b \"c\\\"d\""));
        assertEquals("unclosed single quote",
                assertThrows(IllegalArgumentException.class, () -> CommandWords.split("sh -c 'echo")).getMessage());
    }

    @Test
    void activeWindowsHoldDaysAndHours() {
        ActiveWindows office = ActiveWindows.parse("12345;08:00-18:00");
        ZonedDateTime monday = ZonedDateTime.of(2024, 6, 3, 9, 30, 0, 0, ZoneOffset.UTC);
        assertTrue(office.contains(monday));
        assertFalse(office.contains(monday.withHour(18)));
        assertFalse(office.contains(monday.withHour(7).withMinute(59)));
        assertFalse(office.contains(monday.plusDays(5)), "Saturday");

        ActiveWindows night = ActiveWindows.parse("67, 12345;22:00-06:00");
        assertTrue(night.contains(monday.plusDays(6)), "all Sunday");
        assertTrue(night.contains(monday.withHour(23)));
        assertTrue(night.contains(monday.withHour(5)));
        assertFalse(night.contains(monday.withHour(12)));
        assertTrue(ActiveWindows.always().contains(monday));
        assertFalse(ActiveWindows.always().isRestricted());
    }

    @Test
    void badWindowsSayWhatIsExpected() {
        for (String bad : List.of("89;08:00-18:00", "12345;8-18", "12345;25:00-26:00", "weekdays", ",")) {
            assertEquals(ActiveWindows.FORM,
                    assertThrows(IllegalArgumentException.class, () -> ActiveWindows.parse(bad)).getMessage(), bad);
        }
    }
}
