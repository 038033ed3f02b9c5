package io.moustash.spool;

import java.util.List;

/**
 * Documents read from one spool file, oldest first, to be sent as one batch and then passed to
 * {@link Spool#commit}. Until then they stay on disk.
 */
public final class SpoolBatch {
    static final SpoolBatch EMPTY = new SpoolBatch(null, 0, List.of());

    final Segment segment;
    final long end;
    private final List<byte[]> documents;

    SpoolBatch(Segment segment, long end, List<byte[]> documents) {
        this.segment = segment;
        this.end = end;
        this.documents = List.copyOf(documents);
    }

    public List<byte[]> documents() {
        return documents;
    }

    public int size() {
        return documents.size();
    }

    public boolean isEmpty() {
        return documents.isEmpty();
    }

    /**
     * Whether its file was dropped (spool_max_bytes) while the batch was out: its events were
     * counted as dropped, so it must not be sent.
     */
    public boolean orphaned() {
        return segment != null && segment.deleted();
    }
}
