package io.moustash.it.delivery;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.runtime.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A publishing process for the tests that kill one: {@code PublishingChild INI FROM COUNT PER_SECOND}
 * publishes events "event FROM" … "event FROM+COUNT-1" at about PER_SECOND, and prints
 * {@code ack N DELIVERED|SPOOLED} on stdout once event N was accepted (its future completed). On
 * a normal end it closes the publisher and prints {@code done}.
 */
public final class PublishingChild {
    private PublishingChild() {
    }

    public static void main(String[] args) throws Exception {
        String ini = Files.readString(Path.of(args[0]));
        int from = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long perSecond = Long.parseLong(args[3]);
        long start = System.nanoTime();
        try (Publisher publisher = Wiring.publisher(DeliveryIni.settings(ini))) {
            for (int i = 0; i < count; i++) {
                int n = from + i;
                publisher.publish(Event.builder("panpan").message("event " + n).build()).whenComplete((d, e) -> {
                    if (e == null) {
                        ack(n, d);
                    }
                });
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        synchronized (System.out) {
            System.out.println("done");
            System.out.flush();
        }
    }

    private static void ack(int n, Delivery delivery) {
        synchronized (System.out) {
            System.out.println("ack " + n + " " + delivery);
            System.out.flush();
        }
    }

    /** Starts this main in a child JVM with the test's class path. */
    static ProcessBuilder command(Path ini, int from, int count, long perSecond) {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PublishingChild.class.getName(), ini.toString(),
                String.valueOf(from), String.valueOf(count), String.valueOf(perSecond));
    }
}
