package io.moustash.cuir.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.IniDocument;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.cuir.config.ProbeSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a reloaded file changes, decided by name and by the probes' settings compared as values. */
class ReloadTest {
    /** Every kind and every common option, so that each part of a ProbeSpec is compared as a value. */
    private static final String FILE = """
            [moustash]
            fields = team=ops
            [cuir]
            interval = 5
            SSH: 127.0.0.1:22:ssh server
            [cuir:web]
            host = ::1
            port = 443
            tls = yes
            cert_warn_days = 20
            send = HEAD / HTTP/1.0\\r\\n\\r\\n
            expect = ^HTTP/1\\.[01] 200
            down_after = 3
            fail_interval = 1
            timeout = 2
            active = 12345;08:00-18:00, 67
            tags = web, public
            fields = team.web=yes
            message = the web
            escalate = 1:ops 3:oncall,dba
            remind = 600
            [cuir:disk]
            command = /usr/lib/nagios/plugins/check_disk -w '10%' -c 5% /
            interval = 60
            [cuir:api]
            url = https://127.0.0.1:8443/health
            status = 204
            expect = "ok"
            json = queue.depth < 1000 else warning
            headers = Accept: application/json
            [cuir:errors]
            file = /var/log/app.log
            match = ERROR|FATAL
            max = 2
            """;

    private static List<ProbeSpec> read(String text) {
        return CuirConfigReader.read(IniDocument.parse(text, "moustash.ini"), line -> { }).probes();
    }

    @Test
    void aFileReadTwiceGivesEqualProbes() {
        List<ProbeSpec> first = read(FILE);
        List<ProbeSpec> again = read(FILE);
        for (int i = 0; i < first.size(); i++) {
            assertNotSame(first.get(i), again.get(i));
            assertEquals(first.get(i), again.get(i), first.get(i).name());
            assertEquals(first.get(i).hashCode(), again.get(i).hashCode(), first.get(i).name());
        }
        Reload plan = Reload.plan(first, again);
        assertTrue(plan.changesNothing(), plan.summary());
        assertEquals("0 added, 0 changed, 0 removed, 5 unchanged", plan.summary());
    }

    @Test
    void anyChangedSettingMakesAChangedProbe() {
        List<String> edits = List.of("port = 443|port = 444", "cert_warn_days = 20|cert_warn_days = 21",
                "send = HEAD|send = GET", "200|2..", "down_after = 3|down_after = 4", "fail_interval = 1|fail_interval = 2",
                "timeout = 2|timeout = 1", ", 67|, 7", "tags = web, public|tags = web",
                "team.web=yes|team.web=no", "message = the web|message = the site", "tls = yes|tls = no",
                "escalate = 1:ops 3:oncall,dba|escalate = 1:ops 3:oncall", "remind = 600|remind = 300");
        List<ProbeSpec> running = read(FILE);
        for (String edit : edits) {
            String[] change = edit.split("\\|");
            List<ProbeSpec> next = read(FILE.replace(change[0], change[1]));
            Reload plan = Reload.plan(running, next);
            assertEquals(List.of("web"), plan.changed(), edit);
            assertEquals(Set.of("SSH", "disk", "api", "errors"), plan.kept(), edit);
        }
    }

    @Test
    void namesDecideWhatIsAddedAndRemoved() {
        List<ProbeSpec> running = read(FILE);
        List<ProbeSpec> next = read(FILE.replace("SSH: 127.0.0.1:22:ssh server\n",
                "ssh2: 127.0.0.1:22:ssh server\nDB: 127.0.0.1:5432:db\n").replace("interval = 60", "interval = 30"));
        Reload plan = Reload.plan(running, next);
        assertEquals(List.of("ssh2", "DB"), plan.added());
        assertEquals(List.of("disk"), plan.changed());
        assertEquals(List.of("SSH"), plan.removed());
        assertTrue(plan.keeps("web"));
        assertFalse(plan.keeps("disk"));
        assertEquals("2 added (ssh2, DB), 1 changed (disk), 1 removed (SSH), 3 unchanged", plan.summary());
    }

    @Test
    void aLongListOfNamesIsCut() {
        StringBuilder many = new StringBuilder("[cuir]\n");
        for (int i = 1; i <= 7; i++) {
            many.append("p").append(i).append(": 127.0.0.1:").append(1000 + i).append(":x\n");
        }
        Reload plan = Reload.plan(List.of(), read(many.toString()));
        assertEquals("7 added (p1, p2, p3, p4, p5, …), 0 changed, 0 removed, 0 unchanged", plan.summary());
    }

    @Test
    void theSectionsIntervalReachesEveryProbeWithoutOneOfItsOwn() {
        CuirConfig config = CuirConfigReader.read(IniDocument.parse(FILE, "moustash.ini"), line -> { });
        Reload plan = Reload.plan(config.probes(), read(FILE.replace("interval = 5", "interval = 7")));
        assertEquals(List.of("SSH", "web", "api", "errors"), plan.changed(), "disk has interval = 60 of its own");
    }
}
