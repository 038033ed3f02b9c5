package io.moustash.fouet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.ConfigException;
import io.moustash.config.IniDocument;
import io.moustash.common.ExitCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FouetSettingsTest {

    @Test
    void defaults() {
        FouetSettings settings = FouetSettings.defaults();
        assertEquals(List.of(), settings.include());
        assertEquals(Set.of("crash", "fatal"), settings.notifyStates());
        assertEquals(20, settings.stderrLines());
        assertEquals(false, settings.logEvents());
        assertEquals(true, settings.heartbeat());
        assertEquals(Duration.ofSeconds(30), settings.publishTimeout());
        assertEquals(Duration.ofMinutes(5), settings.notifyInterval());
    }

    @Test
    void readsEveryOptionAndWhoFouetIs() {
        List<String> warnings = new ArrayList<>();
        FouetSettings settings = FouetSettings.read(IniDocument.parse("[Fouet]\ninclude: web:*, worker_?\n"
                + "exclude = web:debug\nnotify = FATAL backoff\nstderr_lines = 5\nlog_events = yes\nheartbeat = no\n"
                + "publish_timeout = 2.5\nnotify_interval = 90\n", "f.ini"), Map.of("SUPERVISOR_PROCESS_NAME", "fouet"), warnings::add);
        assertEquals(List.of("web:*", "worker_?"), settings.include());
        assertEquals(List.of("web:debug"), settings.exclude());
        assertEquals(Set.of("fatal", "backoff"), settings.notifyStates());
        assertEquals(5, settings.stderrLines());
        assertTrue(settings.logEvents());
        assertEquals(false, settings.heartbeat());
        assertEquals(Duration.ofMillis(2500), settings.publishTimeout());
        assertEquals(Duration.ofSeconds(90), settings.notifyInterval());
        assertEquals("fouet", settings.selfProcess());
        assertEquals(null, settings.selfGroup());
        assertEquals(List.of(), warnings);
    }

    @Test
    void unknownOptionsAreWarnedWithASuggestion() {
        List<String> warnings = new ArrayList<>();
        FouetSettings.read(IniDocument.parse("[fouet]\nstderr_line = 3\n", "f.ini"), Map.of(), warnings::add);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("did you mean stderr_lines"), warnings.get(0));
    }

    @Test
    void aMoustashOptionInFouetSaysWhereItBelongs() {
        List<String> warnings = new ArrayList<>();
        FouetSettings.read(IniDocument.parse("[fouet]\nredis_port = 6380\n", "f.ini"), Map.of(), warnings::add);
        assertEquals(List.of("f.ini: [fouet] redis_port: unknown option, ignored (redis_port belongs in [moustash])"),
                warnings);
    }

    @Test
    void badValuesAreConfigErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> FouetSettings.read(IniDocument.parse(
                "[fouet]\nnotify = crash, sometimes\nstderr_lines = -1\n", "f.ini"), Map.of(), w -> { }));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("notify") && e.getMessage().contains("stderr_lines"), e.getMessage());
    }

    @Test
    void notifyIntervalIsSecondsOrZeroForNoLimit() {
        assertEquals(Duration.ZERO, FouetSettings.read(IniDocument.parse("[fouet]\nnotify_interval = 0\n", "f.ini"),
                Map.of(), w -> { }).notifyInterval());
        assertEquals(Duration.ofMillis(1500), FouetSettings.read(IniDocument.parse(
                "[fouet]\nnotify_interval = 1.5\n", "f.ini"), Map.of(), w -> { }).notifyInterval());
        for (String bad : List.of("-1", "soon", "")) {
            ConfigException e = assertThrows(ConfigException.class, () -> FouetSettings.read(IniDocument.parse(
                    "[fouet]\nnotify_interval = " + bad + "\n", "f.ini"), Map.of(), w -> { }), bad);
            assertTrue(e.getMessage().contains("notify_interval") && e.getMessage().contains("or 0 for off"),
                    e.getMessage());
        }
    }
}
