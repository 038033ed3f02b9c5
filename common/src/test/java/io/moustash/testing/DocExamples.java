package io.moustash.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the examples in docs/ produced by code. A doc holds blocks between
 * {@code <!-- example:NAME -->} and {@code <!-- /example -->}; a test renders each block and
 * {@link #check} fails when the doc differs. Run with {@code -Ddocs.update=true} to rewrite the
 * blocks instead: {@code mvn test -Ddocs.update=true}.
 */
public final class DocExamples {
    private DocExamples() {
    }

    /** The repository's docs/ folder, found from the module's working directory. */
    public static Path docs() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("common"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/ folder above " + here);
    }

    public static void check(Path doc, String name, String rendered) {
        checkBlock(doc, name, "```json\n" + rendered.strip() + "\n```\n");
    }

    /** As {@link #check}, for a block that is no JSON (a table): {@code body} is the block's whole text. */
    public static void checkBlock(Path doc, String name, String body) {
        try {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Pattern block = Pattern.compile("(<!-- example:" + Pattern.quote(name) + " -->\\n)(.*?)(<!-- /example -->)",
                    Pattern.DOTALL);
            Matcher m = block.matcher(text);
            assertTrue(m.find(), doc + " has no block <!-- example:" + name + " -->");
            if (Boolean.getBoolean("docs.update")) {
                Files.writeString(doc, text.substring(0, m.start(2)) + body + text.substring(m.end(2)),
                        StandardCharsets.UTF_8);
            } else {
                assertEquals(body, m.group(2), doc + " example " + name
                        + " differs from what the code produces; run mvn test -Ddocs.update=true");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
