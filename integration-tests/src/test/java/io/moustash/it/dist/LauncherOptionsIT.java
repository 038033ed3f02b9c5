package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options a launcher passes, read from a stand-in {@code java} under JAVA_HOME that writes
 * its arguments down: C1 alone for short runs, the optimising compiler for {@code panpan --stdin}.
 */
class LauncherOptionsIT {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path scratch;

    @Test
    void panpanKeepsTheOptimisingCompilerOnlyForAStream() throws Exception {
        List<String> oneShot = jvmArguments("panpan", "deploy done");
        assertTrue(oneShot.contains(C1_ONLY), oneShot.toString());
        assertTrue(oneShot.contains("-XX:+UseSerialGC"), oneShot.toString());

        List<String> stream = jvmArguments("panpan", "--stdin", "-T", "app");
        assertFalse(stream.contains(C1_ONLY), stream.toString());
        assertTrue(stream.contains("-XX:+UseSerialGC"), "the other options stay: " + stream);
        assertEquals(List.of("--stdin", "-T", "app"), stream.subList(stream.size() - 3, stream.size()));

        List<String> message = jvmArguments("panpan", "--", "--stdin");
        assertTrue(message.contains(C1_ONLY), "after --, --stdin is the message: " + message);
    }

    @Test
    void fouetAndCuirRunWithC1Alone() throws Exception {
        assertTrue(jvmArguments("fouet").contains(C1_ONLY));
        assertTrue(jvmArguments("cuir", "--stdin").contains(C1_ONLY), "--stdin means nothing to Cuir's launcher");
    }

    /** What {@code bin/TOOL arguments} passes to java, one word per element. */
    private List<String> jvmArguments(String tool, String... arguments) throws Exception {
        Path jdk = scratch.resolve("jdk");
        Path recorded = scratch.resolve("arguments.txt");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.99\"\n", StandardCharsets.UTF_8);
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + recorded + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> command = new java.util.ArrayList<>(List.of(Distribution.home().resolve("bin").resolve(tool).toString()));
        command.addAll(List.of(arguments));
        Distribution.Result result = Distribution.run(command,
                Map.of("JAVA_HOME", jdk.toString(), "MOUSTASH_CDS", "0"), scratch);
        assertEquals(0, result.exit(), result.toString());
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }
}
