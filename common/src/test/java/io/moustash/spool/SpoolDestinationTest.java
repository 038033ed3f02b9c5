package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each spool file names where its events go; only a spool for that place (or any, for old files) delivers it. */
class SpoolDestinationTest {
    private static final String HERE = SpoolTest.DESTINATION;
    private static final String THERE = "rabbitmq 10.0.0.9:5672 vhost / exchange logstash key other";
    /** Written by the release before the header (format 1): four events, the first delivered. */
    private static final String RELEASE_1_FILE = "1764633600000-4242-000001.spool";

    @TempDir
    Path dir;
    private OpenSpools spools;
    private List<String> warnings;

    @BeforeEach
    void openSpools() {
        spools = new OpenSpools(dir);
        warnings = spools.warnings;
    }

    @AfterEach
    void closeAll() {
        spools.close();
    }

    private Spool spool(String destination) {
        return spools.open(destination, 1L << 30);
    }

    private void leftFile(String destination, int from, int to) {
        spools.leftFile(destination, from, to);
    }

    private List<Path> spoolFiles() throws IOException {
        return spools.files();
    }

    @Test
    void aNewFileStartsWithAHeaderNamingTheFormatAndTheDestination() throws IOException {
        spool(HERE).append(SpoolTest.docs(0, 1));
        try (FileChannel channel = FileChannel.open(spoolFiles().get(0), StandardOpenOption.READ)) {
            Record first = new RecordReader(channel, spoolFiles().get(0), warnings::add).readAt(0, channel.size());
            assertEquals(Record.HEADER, first.type());
            assertEquals(Record.FORMAT_VERSION, first.formatVersion());
            assertEquals(HERE, first.destination());
        }
    }

    @Test
    void filesForAnotherDestinationAreLeftToItWithOneLine() {
        leftFile(THERE, 0, 3);
        leftFile(THERE, 3, 4);
        leftFile(HERE, 10, 12);
        Spool here = spool(HERE);
        assertEquals(1, here.claimOrphans());
        assertEquals(SpoolTest.expected(10, 12), SpoolTest.drain(here), "only its own destination's events");
        leftFile(HERE, 12, 13);
        assertEquals(1, here.claimOrphans());
        assertEquals(SpoolTest.expected(12, 13), SpoolTest.drain(here));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("2 file(s)") && warnings.get(0).contains(THERE + " (2)"), warnings.get(0));
        here.close();

        Spool there = spool(THERE);
        assertEquals(2, there.claimOrphans(), "the tool that sends there takes them");
        assertEquals(SpoolTest.expected(0, 4), SpoolTest.drain(there));
    }

    @Test
    void theHeaderIsNeverHandedOutNorCounted() {
        Spool spool = spool(HERE);
        SpoolMark written = spool.write(SpoolTest.docs(0, 3));
        spool.sync();
        spool.skipWritten(written, 1);
        assertEquals(SpoolTest.expected(1, 3), SpoolTest.drain(spool));
        assertFalse(spool.hasPending());
        spool.append(SpoolTest.docs(3, 4));
        spool.close();
        Spool next = spool(HERE);
        assertEquals(1, next.claimOrphans());
        assertEquals(SpoolTest.expected(3, 4), SpoolTest.drain(next));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileFromTheReleaseBeforeTheHeaderIsDeliveredByAnyDestination() throws IOException {
        for (String name : List.of(RELEASE_1_FILE, RELEASE_1_FILE + Segment.ACK_SUFFIX)) {
            try (InputStream in = getClass().getResourceAsStream("release-1/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Spool spool = spool(THERE);
        assertEquals(1, spool.claimOrphans());
        assertEquals(SpoolTest.expected(1, 4), SpoolTest.drain(spool), "its ack file said the first was delivered");
        assertEquals(List.of(), spoolFiles());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileOfANewerFormatIsLeftAlone() throws IOException {
        Path file = dir.resolve(new SegmentName(1, 4242, 1).fileName());
        byte[] name = HERE.getBytes(StandardCharsets.UTF_8);
        Record header = new Record(Record.HEADER, 1, ByteBuffer.allocate(4 + name.length)
                .putInt(Record.FORMAT_VERSION + 1).put(name).array());
        Record event = new Record(Record.EVENT, 1, "{}".getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.allocate(header.size() + event.size());
        header.writeTo(bytes);
        event.writeTo(bytes);
        Files.write(file, bytes.array());
        Spool spool = spool(HERE);
        assertEquals(0, spool.claimOrphans());
        assertTrue(Files.exists(file));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("file format " + (Record.FORMAT_VERSION + 1)), warnings.get(0));
    }
}
