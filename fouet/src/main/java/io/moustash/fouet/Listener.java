package io.moustash.fouet;

import io.moustash.common.Durations;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.fouet.events.EventMapper;
import io.moustash.fouet.events.Raw;
import io.moustash.fouet.protocol.Frame;
import io.moustash.fouet.protocol.ListenerProtocol;
import io.moustash.fouet.protocol.Result;
import io.moustash.fouet.protocol.SupervisorGone;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fouet's loop: take an event from supervisord, publish it, answer only once the publisher says it
 * is safe (delivered or spooled), ask for the next. One event at a time, as the protocol is.
 *
 * <p>Bad input never ends the loop: a garbled header is logged with its raw text and answered OK
 * (supervisord would only send it again); a mapping bug is logged and answered. Only the end of
 * input ends it, or supervisord closing Fouet's stdout (it is stopping or gone: there is nobody to
 * answer, said in one line). An event that could be kept nowhere is answered FAIL so that supervisord keeps it
 * and sends it again; the loop waits a little before answering FAIL (the answer and the next READY
 * go out together), so that a broker outage without a spool does not turn into a busy loop of
 * refusals.
 *
 * <p>Not thread-safe: run by one thread.
 */
final class Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    static final Duration FIRST_PAUSE_AFTER_FAIL = Duration.ofMillis(100);
    static final Duration LONGEST_PAUSE_AFTER_FAIL = Duration.ofSeconds(2);

    private final ListenerProtocol protocol;
    private final EventMapper mapper;
    private final Publisher publisher;
    private final Duration publishTimeout;
    private long refusals;
    private Duration pause = FIRST_PAUSE_AFTER_FAIL;

    Listener(ListenerProtocol protocol, EventMapper mapper, Publisher publisher, Duration publishTimeout) {
        this.protocol = protocol;
        this.mapper = mapper;
        this.publisher = publisher;
        this.publishTimeout = publishTimeout;
    }

    /** Runs until supervisord closes stdin or stdout; returns normally then. */
    void run() throws IOException, InterruptedException {
        try {
            serve();
        } catch (SupervisorGone e) {
            LOG.info("{}; stopping", e.getMessage());
        }
    }

    private void serve() throws IOException, InterruptedException {
        protocol.ready();
        while (true) {
            Frame frame;
            try {
                frame = protocol.next();
            } catch (EOFException e) {
                LOG.warn("{}", e.getMessage());
                return;
            }
            if (frame == null) {
                LOG.debug("end of input; stopping");
                return;
            }
            Result result = handle(frame);
            if (result == Result.FAIL) {
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE_AFTER_FAIL) > 0
                        ? LONGEST_PAUSE_AFTER_FAIL : pause.multipliedBy(2);
            } else {
                pause = FIRST_PAUSE_AFTER_FAIL;
            }
            protocol.answer(result);
        }
    }

    private Result handle(Frame frame) throws InterruptedException {
        if (frame instanceof Frame.Garbled garbled) {
            LOG.warn("cannot read this as a supervisord event ({}), answered OK and skipped: {}", garbled.reason(),
                    Raw.quote(garbled.raw()));
            return Result.OK;
        }
        Frame.Envelope envelope = (Frame.Envelope) frame;
        Optional<Event> event;
        try {
            event = mapper.map(envelope);
        } catch (RuntimeException e) {
            LOG.error("cannot turn this event into a logstash event ({}), answered OK and skipped: {}", e,
                    Raw.quote(envelope.header().raw() + "\n" + envelope.payload()));
            return Result.OK;
        }
        if (event.isEmpty()) {
            return Result.OK;
        }
        return publish(envelope, event.get());
    }

    private Result publish(Frame.Envelope envelope, Event event) throws InterruptedException {
        try {
            Delivery delivery = publisher.publishAndWait(event, publishTimeout);
            if (refusals > 0) {
                LOG.info("events are kept again ({}); {} refused while they could not be", delivery, refusals);
                refusals = 0;
            }
            return Result.OK;
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            refused(envelope, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (TimeoutException e) {
            refused(envelope, "not published nor spooled within " + Durations.shown(publishTimeout) + " (publish_timeout)");
        }
        return Result.FAIL;
    }

    /** Logs the first refusal of a streak; the rest are counted and reported when events are kept again. */
    private void refused(Frame.Envelope envelope, String why) {
        if (refusals++ == 0) {
            LOG.warn("cannot keep {} serial {}: {}; answering FAIL so that supervisord sends it again",
                    envelope.header().eventName(), envelope.header().serial().orElse(-1), why);
        }
    }
}
