package io.moustash.it.delivery;

import io.moustash.config.IniDocument;
import io.moustash.runtime.MoustashSettings;
import java.nio.file.Path;

/** The [moustash] section the delivery ITs run with: short reconnect delays, a spool of their own. */
final class DeliveryIni {
    private DeliveryIni() {
    }

    static String redis(int port, String key, Path spoolDir, String extra) {
        return "[moustash]\ntransport = redis\nredis_host = 127.0.0.1\nredis_port = " + port + "\nredis_namespace = " + key
                + "\nredis_timeout = 2\nspool_dir = " + spoolDir + "\nreconnect_delay = 0.05\nreconnect_max_delay = 0.5\n"
                + extra;
    }

    /**
     * RabbitMQ with a durable exchange and queue and persistent messages (delivery mode 2): what
     * the broker confirmed survives its own restart, so whatever is missing afterwards was lost by
     * Moustash, not by the broker.
     */
    static String rabbitmq(int port, String exchange, String queue, Path spoolDir, String extra) {
        return "[moustash]\ntransport = rabbitmq\nrabbitmq_host = 127.0.0.1\nrabbitmq_port = " + port
                + "\nrabbitmq_exchange = " + exchange + "\nrabbitmq_queue = " + queue
                + "\nrabbitmq_exchange_durable = 1\nrabbitmq_queue_durable = 1\nrabbitmq_delivery_mode = 2"
                + "\nspool_dir = " + spoolDir + "\nreconnect_delay = 0.05\nreconnect_max_delay = 0.5\n"
                + extra;
    }

    static MoustashSettings settings(String ini) {
        return MoustashSettings.read(IniDocument.parse(ini, "it.ini"), System.err::println);
    }
}
