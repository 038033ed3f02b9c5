package io.moustash.cuir.config;

import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Address;
import io.moustash.config.IniDocument;
import io.moustash.runtime.MoustashSettings;
import io.moustash.testing.DocExamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example files install.sh may copy are quiet on a fresh machine: their one active probe is the
 * broker they publish to (up whenever Moustash can publish at all), every other probe is commented.
 */
class ExampleProbesTest {
    private static final Path EXAMPLES = DocExamples.docs().getParent().resolve("examples");

    @Test
    void theRedisExampleProbesItsRedisOnly() {
        MoustashSettings settings = load("moustash-redis.ini");
        assertEquals("redis", settings.transport());
        assertEquals(List.of(new Target(settings.redis().host(), settings.redis().port())), probes(settings));
    }

    @Test
    void theRabbitmqExampleProbesItsRabbitmqOnly() {
        MoustashSettings settings = load("moustash-rabbitmq.ini");
        assertEquals("rabbitmq", settings.transport());
        Address broker = settings.rabbitmq().addresses().get(0);
        assertEquals(List.of(new Target(broker.getHost(), broker.getPort())), probes(settings));
    }

    private static MoustashSettings load(String name) {
        List<String> warnings = new ArrayList<>();
        MoustashSettings settings = MoustashSettings.read(IniDocument.load(EXAMPLES.resolve(name)), warnings::add);
        assertEquals(List.of(), warnings, name);
        return settings;
    }

    private static List<Target> probes(MoustashSettings settings) {
        List<String> warnings = new ArrayList<>();
        CuirConfig cuir = CuirConfigReader.read(settings.document(), warnings::add);
        assertEquals(List.of(), warnings);
        return cuir.probes().stream().map(p -> ((TcpCheck) p.check()).destination()).toList();
    }
}
