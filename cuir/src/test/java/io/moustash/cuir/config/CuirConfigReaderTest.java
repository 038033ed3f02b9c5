package io.moustash.cuir.config;

import static io.moustash.cuir.testing.CuirIni.errors;
import static io.moustash.cuir.testing.CuirIni.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.ConfigException;
import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.config.IniDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CuirConfigReaderTest {

    @Test
    void readsTheOriginalFileUnchanged() {
        CuirConfig config = read("""
                [Moustash]
                transport: redis
                [Cuir]
                Interval: 1
                SSH: 127.0.0.1:22:ssh server for HULK
                HTTP: 127.0.0.1:80:varnish for HULK
                HULK: 127.0.0.1:21:HULK PAS CONTENT
                """, new ArrayList<>());
        assertEquals(Duration.ofSeconds(1), config.interval());
        assertEquals(ReportMode.FAILURES, config.report());
        assertEquals(3, config.probes().size());
        ProbeSpec ssh = config.probes().stream().filter(p -> p.name().equals("SSH")).findFirst().orElseThrow();
        assertEquals(new Target("127.0.0.1", 22), ((TcpCheck) ssh.check()).destination());
        assertEquals("ssh server for HULK", ssh.message());
        assertEquals(Duration.ofSeconds(3), ssh.timeout());
        assertEquals(Duration.ofSeconds(1), ssh.interval());
        assertEquals(1, ssh.downAfter());
    }

    @Test
    void readsRichSectionsAndCommands() {
        List<String> warnings = new ArrayList<>();
        CuirConfig config = read("""
                [cuir]
                report = changes
                timeout = 2
                [cuir:web]
                host = ::1
                port = 443
                message = public web site
                interval = 10
                fail_interval = 2.5
                down_after = 3
                send = GET / HTTP/1.0\\r\\nHost: example.org\\r\\n\\r\\n
                expect = ^HTTP/1\\.[01] 200
                tls = yes
                cert_warn_days = 21
                active = 12345;08:00-18:00
                tags = web, public
                fields = team=ops, tier=1
                [cuir:disk]
                command = /usr/lib/nagios/plugins/check_disk -w 10% /
                """, warnings);
        assertEquals(ReportMode.CHANGES, config.report());
        ProbeSpec web = config.probes().get(0);
        assertEquals("web", web.name());
        TcpCheck check = (TcpCheck) web.check();
        assertEquals(new Target("::1", 443), check.destination());
        assertEquals("[::1]:443", web.describeTarget());
        assertEquals(Duration.ofSeconds(2), web.timeout());
        assertEquals(Duration.ofSeconds(10), web.interval());
        assertEquals(Duration.ofMillis(2500), web.failInterval());
        assertEquals(3, web.downAfter());
        assertArrayEquals("GET / HTTP/1.0\r\nHost: example.org\r\n\r\n".getBytes(StandardCharsets.US_ASCII), check.send());
        assertTrue(check.expect().matcher("HTTP/1.1 200 OK").find());
        assertTrue(check.tls());
        assertEquals(21, check.certWarnDays());
        assertEquals("12345;08:00-18:00", web.active().toString());
        assertEquals(List.of("web", "public"), web.tags());
        assertEquals(Map.of("team", "ops", "tier", 1L), web.fields().toMap(), "typed as every user field is");

        ProbeSpec disk = config.probes().get(1);
        assertEquals(List.of("/usr/lib/nagios/plugins/check_disk", "-w", "10%", "/"), ((CommandCheck) disk.check()).command());
        assertEquals(Duration.ofSeconds(2), disk.timeout());
        assertEquals(Duration.ofSeconds(5), disk.failInterval());
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/lib/nagios/plugins/check_disk"))) {
            assertEquals(List.of("moustash.ini: [cuir:disk] command: /usr/lib/nagios/plugins/check_disk is not an "
                    + "executable file; the probe will report UNKNOWN until it is"), warnings);
        }
    }

    @Test
    void escalateAndRemindAreDefaultsOfCuirThatAProbeSectionOverrides() {
        CuirConfig config = read("""
                [cuir]
                escalate = 1:ops 3:oncall,dba 10:boss
                remind = 1800
                heartbeat_interval = 0
                SSH: 127.0.0.1:22:ssh
                [cuir:web]
                host = 127.0.0.1
                port = 80
                escalate = 2:web-team
                [cuir:quiet]
                host = 127.0.0.1
                port = 81
                escalate =
                remind = 0
                """, new ArrayList<>());
        assertEquals(Duration.ZERO, config.heartbeatInterval());
        Map<String, ProbeSpec> probes = new java.util.HashMap<>();
        config.probes().forEach(p -> probes.put(p.name(), p));
        assertEquals("1:ops 3:oncall,dba 10:boss", probes.get("SSH").alerting().escalate().toString());
        assertEquals(List.of("oncall", "dba", "boss"), probes.get("SSH").alerting().escalate().names(1, 3));
        assertEquals(2, probes.get("SSH").alerting().escalate().reachedBy(9));
        assertEquals(Duration.ofMinutes(30), probes.get("SSH").alerting().remind());
        assertEquals("2:web-team", probes.get("web").alerting().escalate().toString());
        assertEquals(Duration.ofMinutes(30), probes.get("web").alerting().remind(), "what the section leaves is [cuir]'s");
        assertTrue(probes.get("quiet").alerting().escalate().isEmpty(), "an empty escalate names no one");
        assertEquals(Duration.ZERO, probes.get("quiet").alerting().remind());
        assertEquals(Duration.ofSeconds(60), read("[cuir]\nSSH: 127.0.0.1:22:ssh\n", new ArrayList<>()).heartbeatInterval());
    }

    @Test
    void aMalformedEscalationOrReminderIsAnError() {
        assertEquals(List.of(
                "moustash.ini: [cuir] escalate = 0:ops: step 0: steps count failures in a row from 1 (for a reminder "
                        + "while a target stays down, use remind)",
                "moustash.ini: [cuir] remind = -5: expected a number of seconds, or 0 for off",
                "moustash.ini: [cuir:a] escalate = 1:ops 1:boss: step 1 is given twice; expected steps like 1:ops "
                        + "3:oncall,dba 10:boss (failures in a row, a colon, names separated by commas; steps separated by spaces)",
                "moustash.ini: [cuir:b] escalate = ops: expected steps like 1:ops 3:oncall,dba 10:boss (failures in a row, "
                        + "a colon, names separated by commas; steps separated by spaces)",
                "moustash.ini: [cuir:c] escalate = 2:ops,,dba: step 2:ops,,dba: a name is letters, digits and _ . @ + -; "
                        + "expected steps like 1:ops 3:oncall,dba 10:boss (failures in a row, a colon, names separated "
                        + "by commas; steps separated by spaces)"),
                errors("""
                        [cuir]
                        escalate = 0:ops
                        remind = -5
                        SSH: 127.0.0.1:22:ssh
                        [cuir:a]
                        host = 127.0.0.1
                        port = 1
                        escalate = 1:ops 1:boss
                        [cuir:b]
                        host = 127.0.0.1
                        port = 2
                        escalate = ops
                        [cuir:c]
                        host = 127.0.0.1
                        port = 3
                        escalate = 2:ops,,dba
                        """));
    }

    @Test
    void everyMalformedLineIsReportedAtOnceNamingItsLine() {
        assertEquals(List.of(
                "moustash.ini: [cuir] interval = soon: expected a number of seconds greater than 0",
                "moustash.ini: [cuir] report = some: expected one of failures, changes, all",
                "moustash.ini: [cuir] noport = 127.0.0.1: missing port: expected host:port:informations",
                "moustash.ini: [cuir] big = 127.0.0.1:65536:x: port 65536 out of range: expected a port number from 1 to 65535",
                "moustash.ini: [cuir] v6 = [::1:22:x: unclosed bracket: expected [IPv6 address]:port:informations",
                "moustash.ini: [cuir] SSH = 127.0.0.1:2222:again: duplicate probe name SSH, already defined by [cuir] SSH"),
                errors("""
                [cuir]
                interval = soon
                report = some
                noport: 127.0.0.1
                big: 127.0.0.1:65536:x
                v6: [::1:22:x
                SSH: 127.0.0.1:22:ssh
                SSH: 127.0.0.1:2222:again
                """));
    }

    @Test
    void richSectionErrorsNameTheirSectionAndOption() {
        assertEquals(List.of(
                "moustash.ini: [cuir:]: empty probe name: write [cuir:NAME]",
                "moustash.ini: [cuir:ssh]: duplicate probe name ssh, already defined by [cuir] SSH",
                "moustash.ini: [cuir:re] expect = (unclosed: not a valid regular expression: Unclosed group near index 9",
                "moustash.ini: [cuir:win] active = 12345;8h-18h: " + ActiveWindows.FORM,
                "moustash.ini: [cuir:noport]: port is required",
                "moustash.ini: [cuir:both]: host and command cannot be combined: a probe does one thing (connect or command)",
                "moustash.ini: [cuir:cmdtls]: tls applies to connect probes, not to a command probe",
                "moustash.ini: [cuir:badhost] host = web server: web server is not a host name or address",
                "moustash.ini: [cuir:send] send = a\\qb: unknown escape \\q: use \\r, \\n, \\t, \\0, \\\\ or \\xHH"),
                errors("""
                [cuir]
                SSH: 127.0.0.1:22:ssh
                [cuir:]
                host = 127.0.0.1
                port = 1
                [cuir:ssh]
                host = 127.0.0.1
                port = 22
                [cuir:re]
                host = 127.0.0.1
                port = 1
                expect = (unclosed
                [cuir:win]
                host = 127.0.0.1
                port = 1
                active = 12345;8h-18h
                [cuir:noport]
                host = 127.0.0.1
                [cuir:both]
                host = 127.0.0.1
                command = /bin/true
                [cuir:cmdtls]
                command = /bin/true
                tls = yes
                [cuir:badhost]
                host = web server
                port = 80
                [cuir:send]
                host = 127.0.0.1
                port = 1
                send = a\\qb
                """));
    }

    @Test
    void unknownOptionsInAProbeSectionAreWarnedWithASuggestion() {
        List<String> warnings = new ArrayList<>();
        read("[cuir:web]\nhost = 127.0.0.1\nport = 80\nexpekt = OK\n", warnings);
        assertEquals(List.of("moustash.ini: [cuir:web] expekt: unknown option, ignored (did you mean expect?)"), warnings);
    }

    @Test
    void aLineOfCuirThatLooksLikeAnOptionIsWarnedNotTakenForAProbe() {
        List<String> warnings = new ArrayList<>();
        CuirConfig config = read("""
                [cuir]
                intervall = 5
                redis_host = 10.0.0.1
                host = 10.0.0.2
                SSH: 127.0.0.1:22:ssh
                """, warnings);
        assertEquals(List.of("SSH"), config.probes().stream().map(ProbeSpec::name).toList());
        assertEquals(List.of(
                "moustash.ini: [cuir] intervall: unknown option, ignored (did you mean interval?)",
                "moustash.ini: [cuir] redis_host: unknown option, ignored (redis_host belongs in [moustash])",
                "moustash.ini: [cuir] host: unknown option, ignored (host belongs in [cuir:NAME])"), warnings);
    }

    @Test
    void aProbeWithoutAPortIsStillAnErrorWhenItsNameIsCloseToAnOption() {
        assertEquals(List.of("moustash.ini: [cuir] noport = 127.0.0.1: missing port: expected host:port:informations",
                "moustash.ini: [cuir] reports = 10.0.0.1: missing port: expected host:port:informations"),
                errors("[cuir]\nnoport: 127.0.0.1\nreports = 10.0.0.1\n"));
    }

    @Test
    void aMoustashOptionInAProbeSectionSaysWhereItBelongs() {
        List<String> warnings = new ArrayList<>();
        read("[cuir:web]\nhost = 127.0.0.1\nport = 80\nhostname = web1\n", warnings);
        assertEquals(List.of("moustash.ini: [cuir:web] hostname: unknown option, ignored (hostname belongs in [moustash])"),
                warnings);
    }

    @Test
    void fieldsThatWouldBeBothAValueAndAnObjectAreErrors() {
        assertEquals(List.of("moustash.ini: [cuir:web] fields = a=1, a.b=2: a=1 and a.b=2: a cannot be both a value and an object"),
                errors("[cuir:web]\nhost = 127.0.0.1\nport = 80\nfields = a=1, a.b=2\n"));
        IniDocument document = IniDocument.parse("[moustash]\nfields = team=ops\n[cuir:web]\nhost = 127.0.0.1\nport = 80\n"
                + "fields = team.name=web, dc=paris\n", "moustash.ini");
        ConfigException e = assertThrows(ConfigException.class, () -> CuirConfigReader.read(document,
                io.moustash.event.UserFields.parse("team=ops"), w -> { }));
        assertEquals("moustash.ini: [cuir:web] fields = team.name=web, dc=paris: team=ops ([moustash] fields) and "
                + "team.name=web: team cannot be both a value and an object", e.getMessage());
    }
}
