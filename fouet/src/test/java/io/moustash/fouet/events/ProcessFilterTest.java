package io.moustash.fouet.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessFilterTest {

    @Test
    void everythingByDefault() {
        assertTrue(ProcessFilter.all().accepts("g", "p"));
        assertTrue(ProcessFilter.all().accepts("g", null));
    }

    @Test
    void patternsWithAColonMatchGroupAndProcess() {
        ProcessFilter filter = new ProcessFilter(List.of("workers:worker_[0-2]"), List.of());
        assertTrue(filter.accepts("workers", "worker_1"));
        assertFalse(filter.accepts("workers", "worker_3"));
        assertFalse(filter.accepts("other", "worker_1"));
    }

    @Test
    void patternsWithoutAColonMatchProcessOrGroup() {
        ProcessFilter filter = new ProcessFilter(List.of("café*"), List.of("*-debug"));
        assertTrue(filter.accepts("x", "café-au-lait"));
        assertTrue(filter.accepts("cafés", "anything"));
        assertFalse(filter.accepts("cafés", "a-debug"));
        assertFalse(filter.accepts("x", "y"));
    }

    @Test
    void globSyntax() {
        assertTrue(Glob.of("a?c").matches("abc"));
        assertFalse(Glob.of("a?c").matches("abbc"));
        assertTrue(Glob.of("[!x]y").matches("ay"));
        assertFalse(Glob.of("[!x]y").matches("xy"));
        assertTrue(Glob.of("a.b(c)+").matches("a.b(c)+"), "regex characters match themselves");
        assertFalse(Glob.of("a.b").matches("axb"));
        assertTrue(Glob.of("[unclosed").matches("[unclosed"));
    }

    @Test
    void groupEventsMatchGroupPatterns() {
        ProcessFilter filter = new ProcessFilter(List.of("web:*", "cron"), List.of());
        assertTrue(filter.accepts("web", null));
        assertTrue(filter.accepts("cron", null));
        assertFalse(filter.accepts("db", null));
        assertFalse(new ProcessFilter(List.of("web:front"), List.of()).accepts("web", null));
    }
}
