package io.moustash.fouet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cli.Commands;
import io.moustash.common.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FouetCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int fouet(String stdin, String... args) {
        return Fouet.execute(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, args);
    }

    @Test
    void helpShowsHowToRunIt() {
        assertEquals(ExitCode.OK, fouet("", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("[eventlistener:fouet]") && help.contains("--config"), help);
    }

    @Test
    void version() {
        assertEquals(ExitCode.OK, fouet("", "--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("fouet "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongOptionIsAUsageError() {
        assertEquals(ExitCode.USAGE, fouet("", "--frobnicate"));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "usage errors go to stderr");
    }

    @Test
    void anArgumentIsAUsageErrorThatSaysFouetTakesNone() {
        StringWriter err = new StringWriter();
        CommandLine line = Commands.commandLine(new Fouet());
        line.setErr(new PrintWriter(err, true));
        assertEquals(ExitCode.USAGE, line.execute("extra-arg"));
        assertEquals("fouet: unexpected argument 'extra-arg': fouet takes no arguments, only options\n"
                + "Try 'fouet --help' for more information.\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void helpListsTheExitStatuses() {
        assertEquals(ExitCode.OK, fouet("", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("Exit status:") && help.contains("64") && help.contains("78"), help);
    }

    @Test
    void aBadFouetSectionIsAConfigError() throws Exception {
        Path ini = dir.resolve("moustash.ini");
        Files.writeString(ini, "[moustash]\ntransport = stdout\n[fouet]\nstderr_lines = lots\n");
        assertEquals(ExitCode.CONFIG, fouet("", "-c", ini.toString()));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing reaches supervisord's pipe");
    }

    @Test
    void endOfInputIsACleanExit() throws Exception {
        Path ini = dir.resolve("moustash.ini");
        Files.writeString(ini, "[moustash]\ntransport = stdout\n");
        assertEquals(ExitCode.OK, fouet("", "-c", ini.toString()));
        assertEquals("READY\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkConfigNamesTheMistakesOfTheFile() throws Exception {
        Path ini = dir.resolve("moustash.ini");
        Files.writeString(ini, "[moustash]\ntransport = stdout\nnotify = FATAL\n[foeut]\nnotify = FATAL\n[fouet]\nredis_port = 1\n"
                + "stderr_lines = 5\nstderr_lines = 6\n");
        java.io.PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            status = fouet("", "-c", ini.toString(), "--check-config");
        } finally {
            System.setErr(realErr);
        }
        assertEquals(ExitCode.OK, status);
        assertEquals(java.util.List.of(
                ini + ": [foeut]: unknown section, ignored (did you mean [fouet]?)",
                ini + ": [moustash] notify: unknown option, ignored (notify belongs in [fouet])",
                ini + ": [fouet] stderr_lines: set twice, on lines 8 and 9; line 9 is used",
                ini + ": [fouet] redis_port: unknown option, ignored (redis_port belongs in [moustash])"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(ini + ": [moustash] and [fouet] read without errors\n", out.toString(StandardCharsets.UTF_8));
    }
}
