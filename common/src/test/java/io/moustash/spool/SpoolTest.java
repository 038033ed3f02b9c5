package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    static final String DESTINATION = "redis 127.0.0.1:6379 db 0 list logstash";
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

    private Spool spool(long maxBytes) {
        return spools.open(DESTINATION, maxBytes);
    }

    private Spool spool() {
        return spool(1L << 30);
    }

    static List<byte[]> docs(int from, int to) {
        List<byte[]> docs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            docs.add(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return docs;
    }

    /** Everything the spool hands out from now on, committing each batch. */
    static List<String> drain(Spool spool) {
        List<String> all = new ArrayList<>();
        for (SpoolBatch batch = spool.next(100, Long.MAX_VALUE); !batch.isEmpty(); batch = spool.next(100, Long.MAX_VALUE)) {
            batch.documents().forEach(d -> all.add(new String(d, StandardCharsets.UTF_8)));
            spool.commit(batch);
        }
        return all;
    }

    static List<String> expected(int from, int to) {
        return docs(from, to).stream().map(d -> new String(d, StandardCharsets.UTF_8)).toList();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
        }
    }

    @Test
    void anInterruptedWriterKeepsItsInterruptAndLeavesTheSpoolUsable() {
        Spool spool = spool();
        Thread.currentThread().interrupt();
        try {
            spool.write(docs(0, 1));
        } finally {
            assertTrue(Thread.interrupted(), "the caller's interrupt is given back");
        }
        spool.write(docs(1, 2));
        assertEquals(expected(0, 2), drain(spool));
    }

    @Test
    void handsOutWhatWasAppendedInOrderAndDeletesDeliveredFiles() throws IOException {
        Spool spool = spool();
        spool.append(docs(0, 150));
        spool.append(docs(150, 300));
        assertTrue(spool.hasOwnPending());
        assertEquals(expected(0, 300), drain(spool));
        assertFalse(spool.hasPending());
        assertEquals(List.of(), files(), "a delivered file is deleted");
        spool.append(docs(300, 301));
        assertEquals(expected(300, 301), drain(spool));
    }

    @Test
    void aBatchNotCommittedIsHandedOutAgainAfterARestart() throws IOException {
        Spool first = spool();
        first.append(docs(0, 10));
        SpoolBatch sent = first.next(4, Long.MAX_VALUE);
        first.commit(sent);
        first.next(3, Long.MAX_VALUE); // out, but never confirmed
        first.close();

        Spool next = spool();
        assertEquals(1, next.claimOrphans());
        assertEquals(expected(4, 10), drain(next), "the delivered part is remembered, the unconfirmed batch comes again");
        assertEquals(List.of(), files());
    }

    @Test
    void aTornLastRecordIsSkippedWithAWarning() throws IOException {
        Spool writer = spool();
        writer.append(docs(0, 5));
        writer.close();
        Path file = files().get(0);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 4); // a crash in the middle of writing the last record
        }
        Spool reader = spool();
        reader.claimOrphans();
        assertEquals(expected(0, 4), drain(reader));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("torn record") && warnings.get(0).contains(file.getFileName().toString()),
                warnings.get(0));
    }

    @Test
    void aDamagedRecordInTheMiddleIsSkippedAndTheRestRead() throws IOException {
        Spool writer = spool();
        writer.append(docs(0, 5));
        writer.close();
        Path file = files().get(0);
        int header = Record.header(0, DESTINATION).size();
        int recordSize = Record.HEADER_BYTES + "{\"n\":0}".length();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(header + 2L * recordSize + Record.HEADER_BYTES + 2);
            raf.write('X'); // body of record 2 no longer matches its checksum
        }
        Spool reader = spool();
        reader.claimOrphans();
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":3}", "{\"n\":4}"), drain(reader));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("damaged record at byte " + (header + 2 * recordSize)), warnings.get(0));
    }

    @Test
    void atTheCapTheOldestAreDroppedAndTheDropIsRecorded() throws IOException {
        long cap = 64 * 1024;
        Spool spool = spool(cap);
        int total = 5000;
        for (int i = 0; i < total; i += 50) {
            spool.append(docs(i, i + 50));
        }
        long size = 0;
        for (Path f : files()) {
            size += Files.size(f);
        }
        assertTrue(size <= cap, "the directory holds " + size + " bytes, cap " + cap);

        DropReport drops = spool.pendingDrops();
        List<String> kept = drain(spool);
        assertTrue(drops != null && drops.count() > 0, "drops recorded: " + drops);
        assertEquals(total, drops.count() + kept.size(), "every event is either kept or counted as dropped");
        assertEquals(expected(total - kept.size(), total), kept, "the newest survive, in order");
        assertTrue(!drops.first().isAfter(drops.last()));
        spool.clearDrops();
        assertNull(spool.pendingDrops(), "a delivered report is cleared");
    }

    @Test
    void twoSpoolsOfOneJvmNeverTakeEachOthersLiveFiles() {
        Spool a = spool();
        Spool b = spool();
        a.append(docs(0, 3));
        b.append(docs(100, 102));
        assertEquals(0, b.claimOrphans(), "a's file is held by a");
        assertEquals(expected(100, 102), drain(b), "b hands out only its own");
        a.close();
        assertEquals(1, b.claimOrphans(), "a's file is free once a closed");
        assertEquals(expected(0, 3), drain(b));
    }

    @Test
    void onlyOneSpoolAtATimeTakesOverLeftFiles() {
        Spool left = spool();
        left.append(docs(0, 3));
        left.close();
        Spool b = spool();
        Spool c = spool();
        assertEquals(1, b.claimOrphans());
        assertEquals(0, c.claimOrphans(), "b holds drain.lock until it delivered what it took");
        assertEquals(expected(0, 3), drain(b));
        left = spool();
        left.append(docs(3, 4));
        left.close();
        assertEquals(1, c.claimOrphans(), "b let go of drain.lock once done");
    }
}
