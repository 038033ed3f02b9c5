package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a row sent, per producer, and the one invariant every row asserts against what reached
 * the broker once it was restored and the spool drained: after dropping copies by {@code event.id}
 * (delivery is at-least-once), every accepted event is there, nothing is there that was not sent,
 * and each producer's sequence numbers strictly increase (order kept per producer).
 */
final class Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a document says who sent it and its sequence number: {@code -f producer=P -f seq=N} by default. */
    record Origin(String producer, long seq) {
    }

    private final Map<String, TreeMap<Long, Boolean>> sent = new LinkedHashMap<>();
    private final Set<String> mayBeLost = new HashSet<>();
    private final Function<JsonNode, Origin> origin;

    Ledger() {
        this(doc -> doc.hasNonNull("producer") ? new Origin(doc.path("producer").asText(), doc.path("seq").asLong(-1)) : null);
    }

    Ledger(Function<JsonNode, Origin> origin) {
        this.origin = origin;
    }

    /** {@code producer} sent event {@code seq}; accepted: its tool said it is delivered or kept (exit 0, OK). */
    Ledger sent(String producer, long seq, boolean accepted) {
        sent.computeIfAbsent(producer, p -> new TreeMap<>()).merge(seq, accepted, Boolean::logicalOr);
        return this;
    }

    /** Events {@code from} to {@code to} (inclusive) of {@code producer}, all accepted or none. */
    Ledger sent(String producer, long from, long to, boolean accepted) {
        for (long seq = from; seq <= to; seq++) {
            sent(producer, seq, accepted);
        }
        return this;
    }

    /** An accepted event the fault itself destroyed (a damaged spool record): absent is no failure. */
    Ledger mayBeLost(String producer, long seq) {
        mayBeLost.add(producer + "#" + seq);
        return this;
    }

    /** What the check found, for a row's {@code [figures]} line. */
    record Outcome(int documents, int distinct, int duplicates) {
    }

    /** Asserts the invariant over {@code documents}, everything read from the broker, in arrival order. */
    Outcome check(List<String> documents) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, Long> last = new LinkedHashMap<>();
        Map<String, Set<Long>> arrived = new LinkedHashMap<>();
        int duplicates = 0;
        for (String document : documents) {
            JsonNode doc;
            try {
                doc = JSON.readTree(document);
            } catch (Exception e) {
                problems.add("not JSON: " + document);
                continue;
            }
            String id = doc.path("event").path("id").asText(null);
            if (id == null) {
                problems.add("no event.id: " + document);
                continue;
            }
            if (!ids.add(id)) {
                duplicates++;
                continue;
            }
            Origin from = origin.apply(doc);
            if (from == null || !sent.containsKey(from.producer()) || !sent.get(from.producer()).containsKey(from.seq())) {
                problems.add("arrived but never sent: " + document);
                continue;
            }
            Long previous = last.put(from.producer(), from.seq());
            if (previous != null && previous >= from.seq()) {
                problems.add(from.producer() + ": " + from.seq() + " arrived after " + previous);
            }
            arrived.computeIfAbsent(from.producer(), p -> new HashSet<>()).add(from.seq());
        }
        sent.forEach((producer, events) -> {
            List<Long> missing = new ArrayList<>();
            events.forEach((seq, accepted) -> {
                if (accepted && !arrived.getOrDefault(producer, Set.of()).contains(seq) && !mayBeLost.contains(producer + "#" + seq)) {
                    missing.add(seq);
                }
            });
            if (!missing.isEmpty()) {
                problems.add(producer + ": accepted but never arrived: " + abbreviate(missing));
            }
        });
        if (!problems.isEmpty()) {
            fail("events lost, invented or out of order (" + documents.size() + " documents read):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size())))
                    + (problems.size() > 20 ? "\n  ... " + (problems.size() - 20) + " more" : ""));
        }
        return new Outcome(documents.size(), ids.size(), duplicates);
    }

    private static String abbreviate(List<Long> values) {
        return values.size() <= 20 ? values.toString() : values.subList(0, 20) + " ... (" + values.size() + " in all)";
    }
}
