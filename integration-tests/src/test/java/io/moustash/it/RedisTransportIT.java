package io.moustash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moustash.config.IniDocument;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The publisher, configured from an ini file, against Debian's redis-server, read back as logstash does. */
class RedisTransportIT {

    @Test
    void everyEventArrivesAsAValidLogstashDocument() throws Exception {
        for (String format : List.of("ecs", "legacy")) {
            String key = "it:redis:" + format;
            MoustashSettings settings = MoustashSettings.read(IniDocument.parse(
                    "[Moustash]\ntransport: redis\nredis_ip: 127.0.0.1\nredis_port: " + Services.redisPort()
                            + "\nredis_namespace: " + key + "\nevent_format: " + format + "\n", "it.ini"),
                    line -> { });
            List<String> messages = new ArrayList<>();
            try (Publisher publisher = Wiring.publisher(settings)) {
                for (int i = 0; i < 300; i++) {
                    messages.add("event " + i + " é");
                    Delivery delivery = publisher.publish(Event.builder("panpan").message(messages.get(i)).build())
                            .get(10, TimeUnit.SECONDS);
                    assertEquals(Delivery.DELIVERED, delivery);
                }
            }
            try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
                List<String> documents = logstash.await(key, 300, Duration.ofSeconds(10));
                assertEquals(300, documents.size());
                for (int i = 0; i < documents.size(); i++) {
                    assertEquals(messages.get(i),
                            LogstashDocuments.assertValid(documents.get(i), format).path("message").textValue());
                }
            }
        }
    }
}
