package io.moustash.panpan.stream;

import io.moustash.common.MoustashException;
import io.moustash.delivery.Publisher;
import io.moustash.delivery.StreamIntake;
import io.moustash.event.Event;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code panpan --stdin}: one event per line, handed to the publisher's {@link StreamIntake}, like
 * logger(1) does for syslog. The intake decides how lines travel together and how many wait for the
 * broker; this class reads, turns lines into events and says when no further line is at hand (so a
 * slow producer's line leaves at once). Empty lines carry nothing and are skipped.
 *
 * <p>Runs on the caller's thread, which it blocks until the input ends and every event is delivered
 * or spooled. When the publisher cannot keep a group, it stops reading and throws the broker's
 * failure with the count of lines kept.
 */
public final class StreamSender {
    private final LineReader lines;
    private final LineEvents events;
    private final Publisher publisher;
    private final Consumer<String> warnings;
    private final Totals totals = new Totals();
    private final Runnable countNotJson;

    /** Turns one line into its event; calls {@code notJson} when a {@code --json} line is no JSON object. */
    @FunctionalInterface
    public interface LineEvents {
        Event event(String line, Runnable notJson);
    }

    /** @param events turns one line into its event, plain text */
    public StreamSender(LineReader lines, Function<String, Event> events, Publisher publisher) {
        this(lines, (line, notJson) -> events.apply(line), publisher, warning -> { });
    }

    /**
     * @param events turns one line into its event (plain text or a JSON object)
     * @param warnings takes the one-line warning for each line refused as too large
     */
    public StreamSender(LineReader lines, LineEvents events, Publisher publisher, Consumer<String> warnings) {
        this.lines = lines;
        this.events = events;
        this.publisher = publisher;
        this.warnings = warnings;
        this.countNotJson = totals::countNotJson;
    }

    /** What happened to the lines read. */
    public static final class Totals {
        private long read;
        private long notJson;
        private StreamIntake.Totals sent;

        public long read() {
            return read;
        }

        public long delivered() {
            return sent.delivered();
        }

        public long spooled() {
            return sent.spooled();
        }

        /** Lines that {@code --json} could not read, sent as plain text. */
        public long notJson() {
            return notJson;
        }

        /** Lines refused because their document would be too long (see {@link StreamIntake}). */
        public long refused() {
            return sent.refused();
        }

        void countNotJson() {
            notJson++;
        }
    }

    /** Reads to the end of input and waits for every line to be delivered or spooled. */
    public Totals run() throws IOException {
        StreamIntake intake = publisher.stream("line", warnings);
        long number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isEmpty()) {
                    totals.read++;
                    intake.add(events.event(line, countNotJson), line.length(), number);
                }
                if (!lines.hasLine()) {
                    intake.flush();
                }
            }
            totals.sent = intake.finish();
        } catch (StreamIntake.Failed e) {
            throw new MoustashException(e.exitCode(), e.getMessage() + "; " + e.kept() + " of " + totals.read
                    + " lines read were kept, stopped reading stdin", e.getCause());
        }
        return totals;
    }
}
