package io.moustash.fouet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StderrTailTest {

    @Test
    void keepsTheLastLinesJoiningChunks() {
        StderrTail tail = new StderrTail(2);
        tail.add("g:p", "one\ntw");
        tail.add("g:p", "o\r\nthree\n");
        assertEquals(List.of("two", "three"), tail.lines("g:p"));
        tail.add("g:p", "unfinished");
        assertEquals(List.of("three", "unfinished"), tail.lines("g:p"));
        assertEquals(List.of(), tail.lines("g:other"));
    }

    @Test
    void memoryIsBounded() {
        StderrTail tail = new StderrTail(20);
        tail.add("g:p", "x".repeat(1_000_000) + "\n");
        assertEquals(StderrTail.MAX_LINE_CHARS, tail.lines("g:p").get(0).length());
        for (int i = 0; i < StderrTail.MAX_PROCESSES + 10; i++) {
            tail.add("g:p" + i, "line\n");
        }
        assertTrue(tail.lines("g:p0").isEmpty(), "the process heard from least recently is forgotten");
        assertEquals(List.of("line"), tail.lines("g:p" + (StderrTail.MAX_PROCESSES + 9)));
        for (int i = 0; i < 10_000; i++) {
            tail.add("g:busy", "line " + i + "\n");
        }
        assertEquals(20, tail.lines("g:busy").size());
        assertEquals("line 9999", tail.lines("g:busy").get(19));
    }

    @Test
    void aStartForgetsTheEarlierRunsLines() {
        StderrTail tail = new StderrTail(5);
        tail.add("g:p", "run 1\nunfinished");
        tail.add("g:q", "other\n");
        tail.started("g:p");
        assertEquals(List.of(), tail.lines("g:p"));
        assertEquals(null, tail.lastLine("g:p"));
        tail.add("g:p", "run 2\n  \n");
        assertEquals(List.of("run 2", "  "), tail.lines("g:p"), "not even the earlier run's unfinished line");
        assertEquals("run 2", tail.lastLine("g:p"));
        assertEquals(List.of("other"), tail.lines("g:q"));
    }
}
