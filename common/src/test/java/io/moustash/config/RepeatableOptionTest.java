package io.moustash.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An option marked repeatable keeps every line; a plain one keeps the last and says so. */
class RepeatableOptionTest {
    private static final Option<Integer> RULE = Option.of("rule", Parsers.integer(0, 9), null, "A rule.").asRepeatable();
    private static final Option<Integer> PLAIN = Option.of("plain", Parsers.integer(0, 9), null, "A value.");

    @Test
    void everyLineIsAValueAndABadLineIsAnErrorOfItsOwn() {
        IniDocument document = IniDocument.parse("[s]\nrule = 1\nplain = 1\nrule = x\nrule = 3\nplain = 2\n", "t.ini");
        Diagnostics diagnostics = new Diagnostics();
        OptionValues values = new SectionReader("t.ini", diagnostics).readStrict(document.sectionOrEmpty("s"), List.of(RULE, PLAIN));
        assertEquals(List.of(1, 3), values.all(RULE));
        assertEquals(3, values.get(RULE), "the last valid line is the plain value too");
        assertEquals(2, values.get(PLAIN));
        assertEquals(List.of(), values.all(PLAIN), "a plain option has no list");
        assertEquals(List.of("t.ini: [s] rule = x: expected a whole number from 0 to 9"),
                diagnostics.errors().stream().map(Object::toString).toList());
        List<String> warnings = new ArrayList<>();
        diagnostics.warnings().forEach(warnings::add);
        assertEquals(List.of("t.ini: [s] plain: set twice, on lines 3 and 6; line 6 is used"), warnings);
    }
}
