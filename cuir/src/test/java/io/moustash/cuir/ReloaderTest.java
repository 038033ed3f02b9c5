package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moustash.config.IniDocument;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.runtime.MoustashSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which changes of a reloaded file only a restart applies. */
class ReloaderTest {
    private static final String FILE = """
            [moustash]
            redis_host = 127.0.0.1
            redis_password = s3cret
            [cuir]
            interval = 5
            report = failures
            web: 127.0.0.1:80:web
            """;

    private static Reloader.Loaded loaded(String text) {
        IniDocument document = IniDocument.parse(text, "moustash.ini");
        MoustashSettings settings = MoustashSettings.read(document, line -> { });
        return new Reloader.Loaded(settings, CuirConfigReader.read(document, line -> { }));
    }

    @Test
    void probesAndTheirDefaultsNeedNoRestart() {
        assertEquals(List.of(), Reloader.needRestart(loaded(FILE), loaded(FILE.replace("interval = 5", "interval = 7")
                + "db: 127.0.0.1:5432:db\n")));
    }

    @Test
    void theBrokerTheEventsAndReportAndMaxInFlightDoNamedButNotValued() {
        String changed = FILE.replace("redis_host = 127.0.0.1", "REDIS_HOST = 10.0.0.5")
                .replace("redis_password = s3cret", "redis_password = other\nhostname = web1")
                .replace("report = failures", "report = all\nmax_in_flight = 10");
        assertEquals(List.of("[moustash] hostname", "[moustash] redis_host", "[moustash] redis_password", "[cuir] report",
                "[cuir] max_in_flight"), Reloader.needRestart(loaded(FILE), loaded(changed)));
    }
}
