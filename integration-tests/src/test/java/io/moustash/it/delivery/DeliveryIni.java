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

    static MoustashSettings settings(String ini) {
        return MoustashSettings.read(IniDocument.parse(ini, "it.ini"), System.err::println);
    }
}
