package io.moustash.fouet.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.config.IniDocument;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.fouet.config.FouetSettings;
import io.moustash.fouet.protocol.Frame;
import io.moustash.fouet.protocol.Frames;
import io.moustash.fouet.protocol.ListenerProtocol;
import io.moustash.testing.LogstashDocuments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives an {@link EventMapper} with bytes as supervisord writes them and reads back the JSON logstash gets. */
final class Mapping {
    static final Instant NOW = Instant.parse("2025-03-14T09:26:53.589Z");
    static final EventSettings ECS = new EventSettings(EventFormat.ECS, "web-1", List.of());
    static final EventSettings LEGACY = ECS.withFormat(EventFormat.LEGACY);

    final EventMapper mapper;
    final List<String> warnings = new ArrayList<>();

    Mapping(String fouetSection, Map<String, String> environment, Clock clock) {
        FouetSettings settings = FouetSettings.read(IniDocument.parse("[fouet]\n" + fouetSection, "test.ini"),
                environment, warnings::add);
        mapper = new EventMapper(settings, clock, warnings::add);
    }

    Mapping(String fouetSection, Map<String, String> environment) {
        this(fouetSection, environment, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Mapping(String fouetSection) {
        this(fouetSection, Map.of());
    }

    Mapping() {
        this("");
    }

    /** A clock that stands still until a test moves it, from {@link #NOW}. */
    static final class SteppedClock extends Clock {
        private Instant now = NOW;

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Maps each frame of {@code supervisord}'s bytes; an element is empty when nothing is published. */
    List<Optional<Event>> mapAll(Frames supervisord) {
        try {
            ListenerProtocol protocol = new ListenerProtocol(new ByteArrayInputStream(supervisord.bytes()),
                    new ByteArrayOutputStream());
            List<Optional<Event>> events = new ArrayList<>();
            for (Frame f = protocol.next(); f != null; f = protocol.next()) {
                events.add(mapper.map((Frame.Envelope) f));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Event> map(String eventName, String payload) {
        return mapAll(Frames.start().event(eventName, payload)).get(0);
    }

    static String json(Event event, EventSettings settings) {
        return new String(EventEncoder.of(settings).encode(event), StandardCharsets.UTF_8);
    }

    static JsonNode ecs(Event event) {
        return LogstashDocuments.assertValid(json(event, ECS), "ecs");
    }

    static JsonNode legacy(Event event) {
        return LogstashDocuments.assertValid(json(event, LEGACY), "legacy");
    }
}
