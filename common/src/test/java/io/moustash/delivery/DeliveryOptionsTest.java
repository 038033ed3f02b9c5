package io.moustash.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.IniDocument;
import io.moustash.runtime.MoustashSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryOptionsTest {

    @Test
    void readFromTheMoustashSection() {
        MoustashSettings settings = MoustashSettings.read(IniDocument.parse("[moustash]\nspool_dir = /srv/spool\n"
                + "spool_max_bytes = 1048576\nredis_congestion_threshold = 5000\nreconnect_max_delay = 30\n", "t.ini"),
                line -> { });
        DeliverySettings d = settings.delivery();
        assertEquals(Path.of("/srv/spool"), d.spoolDir());
        assertEquals(1_048_576L, d.spoolMaxBytes());
        assertEquals(5000L, d.congestionThreshold());
        assertEquals(Duration.ofSeconds(30), d.reconnectMaxDelay());
        assertTrue(d.eventIds());
    }

    @Test
    void defaultsLeaveTheGuardOffAndTheDirectoryToBeChosen() {
        DeliverySettings d = MoustashSettings.read(IniDocument.parse("[moustash]\n", "t.ini"), line -> { }).delivery();
        assertEquals(null, d.spoolDir());
        assertEquals(0L, d.congestionThreshold());
        assertEquals(DeliveryOptions.DEFAULT_SPOOL_MAX_BYTES, d.spoolMaxBytes());
    }
}
