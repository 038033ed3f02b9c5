package io.moustash.cuir.check.log;

import static io.moustash.cuir.testing.CuirIni.errors;
import static io.moustash.cuir.testing.CuirIni.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moustash.cuir.check.LogCheck;
import io.moustash.cuir.config.CuirConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [cuir:NAME] sections with file: what they read, and each mistake named with its option. */
class LogKindTest {
    @TempDir
    Path dir;

    @Test
    void readsFileMatchMinAndMax() {
        List<String> warnings = new ArrayList<>();
        Path log = dir.resolve("app.log");
        CuirConfig config = read("[cuir:errors]\nfile = " + log + "\nmatch = ERROR|FATAL\nmax = 5\nmin = 0\n"
                + "[cuir:beat]\nfile = " + dir + "/beat.log\nmatch = ^\n", warnings);
        LogCheck errors = (LogCheck) config.probes().get(0).check();
        assertEquals(log, errors.file());
        assertEquals("ERROR|FATAL", errors.match().pattern());
        assertEquals(OptionalInt.of(5), errors.max());
        assertEquals(OptionalInt.of(0), errors.min());
        assertEquals(List.of("match /ERROR|FATAL/", "min 0", "max 5"), errors.settings());
        assertEquals(OptionalInt.empty(), ((LogCheck) config.probes().get(1).check()).max());
        assertEquals(List.of("moustash.ini: [cuir:errors] file: " + log + " does not exist yet; its lines count once it does",
                "moustash.ini: [cuir:beat] file: " + dir + "/beat.log does not exist yet; its lines count once it does"),
                warnings);
    }

    @Test
    void everyMistakeIsNamed() {
        assertEquals(List.of(
                "moustash.ini: [cuir:nomatch]: match is required with file: the lines to count (match = ^ counts every line)",
                "moustash.ini: [cuir:relative] file = logs/app.log: must be an absolute path",
                "moustash.ini: [cuir:dir] file = " + dir + ": is a directory: give the log file itself",
                "moustash.ini: [cuir:bounds] min = 5: is more than max 2: no count could pass",
                "moustash.ini: [cuir:regex] match = (: not a valid regular expression: Unclosed group near index 1",
                "moustash.ini: [cuir:negative] max = -1: expected a whole number from 0 to 1000000000",
                "moustash.ini: [cuir:both]: host/port and file cannot be combined: a probe does one thing (connect or log)",
                "moustash.ini: [cuir:expect]: expect applies to connect and http probes, not to a log probe"),
                errors("""
                        [cuir:nomatch]
                        file = /var/log/app.log
                        [cuir:relative]
                        file = logs/app.log
                        match = x
                        [cuir:dir]
                        file = %s
                        match = x
                        [cuir:bounds]
                        file = /var/log/app.log
                        match = x
                        min = 5
                        max = 2
                        [cuir:regex]
                        file = /var/log/app.log
                        match = (
                        [cuir:negative]
                        file = /var/log/app.log
                        match = x
                        max = -1
                        [cuir:both]
                        file = /var/log/app.log
                        match = x
                        host = 127.0.0.1
                        port = 22
                        [cuir:expect]
                        file = /var/log/app.log
                        match = x
                        expect = y
                        """.formatted(dir)));
    }
}
