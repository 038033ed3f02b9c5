package io.moustash.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own failures: one line on stderr, a non-zero status, nothing started. */
class DemoTest {
    @TempDir
    Path root;

    @Test
    void withoutTheToolsBuiltItSaysHowToBuildThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Demo.run(new String[] {root.toString()}, print(out), print(err));
        assertEquals(1, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("demo failed: " + root.resolve("cuir/target/cuir.jar")
                + " is missing: build the tools first (mvn -q -Pdemo package in " + root + ")\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutARootItPrintsItsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(64, Demo.run(new String[0], print(new ByteArrayOutputStream()), print(err)));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
