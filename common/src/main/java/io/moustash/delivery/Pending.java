package io.moustash.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Documents accepted together (one {@code publish} or {@code publishAll}) and the future their caller holds. */
record Pending(List<byte[]> documents, CompletableFuture<Delivery> future) {

    static int count(List<Pending> pendings) {
        int n = 0;
        for (Pending p : pendings) {
            n += p.documents().size();
        }
        return n;
    }

    static List<byte[]> documentsOf(List<Pending> pendings) {
        List<byte[]> documents = new ArrayList<>(count(pendings));
        for (Pending p : pendings) {
            documents.addAll(p.documents());
        }
        return documents;
    }
}
