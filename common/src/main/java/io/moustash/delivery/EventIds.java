package io.moustash.delivery;

import io.moustash.event.Event;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for {@code event.id}. Drawn from {@link ThreadLocalRandom} rather than
 * {@link UUID#randomUUID()}: an id only has to tell duplicates apart, and SecureRandom's start-up
 * would be paid by every short PanPan run.
 */
final class EventIds {
    /** {@code event} with an id drawn now when {@code settings} want ids and it has none yet. */
    Event identified(Event event, DeliverySettings settings) {
        return settings.eventIds() && event.id() == null ? event.withId(next()) : event;
    }

    String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
