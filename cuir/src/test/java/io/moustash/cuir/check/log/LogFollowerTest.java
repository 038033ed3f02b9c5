package io.moustash.cuir.check.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower against real files that grow, rotate, shrink, vanish and come back, as tail -F sees them. */
class LogFollowerTest {
    private static final Pattern ERROR = Pattern.compile("ERROR");

    @TempDir
    Path dir;
    private Path log;
    private LogFollower follower;
    private long clock;

    private void start(String initial) throws IOException {
        log = dir.resolve("app.log");
        if (initial != null) {
            Files.writeString(log, initial);
        }
        follower = new LogFollower(log);
    }

    @AfterEach
    void close() {
        if (follower != null) {
            follower.close();
        }
    }

    private void append(String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private LogCount round() throws IOException {
        clock += 60_000_000_000L;
        return follower.read(ERROR, clock);
    }

    @Test
    void aRoundReadAfterItsDeadlineIsCountedWithTheNext() throws IOException {
        start("");
        round();
        append("ERROR one\nERROR two\n");
        follower.unreported(round()); // its probe had already reported a timeout
        append("ERROR three\n");
        LogCount next = round();
        assertEquals(3, next.matches(), "the late round's lines are not lost");
        assertEquals(List.of("ERROR one", "ERROR two", "ERROR three"), next.lines());
        assertEquals(120_000_000_000L, next.windowNanos(), "over both rounds' time");
        assertEquals(0, round().matches(), "and counted once");
    }

    @Test
    void theFirstRoundStartsAtTheEndAndLaterRoundsCountNewLines() throws IOException {
        start("ERROR old one\nERROR old two\n");
        LogCount first = round();
        assertTrue(first.first());
        assertEquals(0, first.matches(), "lines written before Cuir started are not counted");
        assertEquals(0, first.bytesRead());
        append("INFO fine\nERROR disk full\nERROR disk still full\n");
        LogCount second = round();
        assertEquals(2, second.matches());
        assertEquals(List.of("ERROR disk full", "ERROR disk still full"), second.lines());
        assertEquals(60_000_000_000L, second.windowNanos());
        assertEquals(0, round().matches(), "nothing new");
    }

    @Test
    void aLineWithoutItsNewlineWaitsForTheNextRound() throws IOException {
        start("");
        round();
        append("ERROR half");
        assertEquals(0, round().matches());
        append(" written\r\n");
        LogCount r = round();
        assertEquals(1, r.matches());
        assertEquals(List.of("ERROR half written"), r.lines(), "read whole, without its \\r");
    }

    @Test
    void onlyTheLastFiveMatchingLinesTravel() throws IOException {
        start("");
        round();
        for (int i = 1; i <= 8; i++) {
            append("ERROR number " + i + "\n");
        }
        LogCount r = round();
        assertEquals(8, r.matches());
        assertEquals(List.of("ERROR number 4", "ERROR number 5", "ERROR number 6", "ERROR number 7", "ERROR number 8"),
                r.lines());
    }

    @Test
    void aRotationReadsTheRestOfTheOldFileThenTheNewOneFromItsStart() throws IOException {
        start("ERROR before start\n");
        round();
        append("ERROR late in the old file\n");
        Files.move(log, dir.resolve("app.log.1"));
        append("ERROR first in the new file\nINFO ok\n");
        LogCount r = round();
        assertEquals(List.of("rotated"), r.changes());
        assertEquals(2, r.matches());
        assertEquals(List.of("ERROR late in the old file", "ERROR first in the new file"), r.lines());
        append("ERROR second in the new file\n");
        assertEquals(1, round().matches());
    }

    @Test
    void aTruncatedFileIsReadFromItsStart() throws IOException {
        start("INFO a long line that makes the file bigger than what follows\nINFO more\n");
        round();
        Files.writeString(log, "ERROR after copytruncate\n");
        LogCount r = round();
        assertEquals(List.of("truncated"), r.changes());
        assertEquals(1, r.matches());
    }

    @Test
    void aFileMissingThenBackIsFollowedAgainFromItsStart() throws IOException {
        start("INFO\n");
        round();
        append("ERROR last words\n");
        Files.delete(log);
        LogCount gone = round();
        assertEquals(List.of("missing"), gone.changes());
        assertEquals(1, gone.matches(), "what the removed file received since the last round still counts");
        LogCount stillGone = round();
        assertEquals(List.of("missing"), stillGone.changes());
        assertEquals(0, stillGone.matches());
        append("ERROR reborn\n");
        LogCount back = round();
        assertEquals(List.of(), back.changes());
        assertEquals(List.of("ERROR reborn"), back.lines());
    }

    @Test
    void aFileThatAppearsAfterTheStartIsReadFromItsStart() throws IOException {
        start(null);
        LogCount first = round();
        assertTrue(first.first());
        assertEquals(List.of("missing"), first.changes());
        append("ERROR in a brand new file\n");
        assertEquals(1, round().matches());
    }

    @Test
    void aBurstBeyondTheCapIsReadFromItsLatestBytesAndTheRestSkipped() throws IOException {
        start("");
        round();
        String line = "ERROR " + "x".repeat(1017) + "\n"; // 1 KiB
        int lines = (int) (LogFollower.MAX_READ / 1024) * 3;
        append(line.repeat(lines));
        LogCount r = round();
        long written = (long) lines * 1024;
        assertEquals(written, r.bytesRead() + r.skippedBytes(), "every new byte is read or skipped");
        assertTrue(r.bytesRead() <= LogFollower.MAX_READ + 1, "bounded: " + r.bytesRead());
        assertEquals(LogFollower.MAX_READ / 1024, r.matches(), "the cut line before the latest bytes is not counted");
        append("ERROR after the burst\n");
        LogCount next = round();
        assertEquals(1, next.matches(), "the next round starts where the burst ended");
        assertEquals(0, next.skippedBytes());
    }

    @Test
    void aLineLongerThanTheLimitIsMatchedOnItsStartAndItsRestIsNoLine() throws IOException {
        start("");
        round();
        append("ERROR " + "y".repeat(LogFollower.MAX_LINE * 2));
        LogCount r = round();
        assertEquals(1, r.matches(), "a line too long to wait for counts at once");
        assertTrue(r.lines().get(0).length() <= LogFollower.MAX_SHOWN + 1, "and travels cut");
        append("yyy ERROR still the same line\nERROR a new line\n");
        LogCount next = round();
        assertEquals(List.of("ERROR a new line"), next.lines());
    }

    @Test
    void aDirectoryIsAnError() throws IOException {
        log = dir;
        follower = new LogFollower(dir);
        IOException e = assertThrows(IOException.class, () -> follower.read(ERROR, 1));
        assertEquals("is a directory", e.getMessage());
    }

    @Test
    void invalidUtf8IsReadWithReplacementCharacters() throws IOException {
        start("");
        round();
        Files.write(log, new byte[] {'E', 'R', 'R', 'O', 'R', ' ', (byte) 0xff, '\n'}, StandardOpenOption.APPEND);
        assertEquals(List.of("ERROR \ufffd"), round().lines());
    }
}
