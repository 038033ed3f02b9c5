package io.moustash.cuir.config;

import io.moustash.cuir.check.Target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:22:ssh server for HULK | 127.0.0.1 | 22 | ssh server for HULK",
        "[::1]:22:ssh on v6               | ::1       | 22 | ssh on v6",
        "db.example.org:5432:primary: the one that matters | db.example.org | 5432 | primary: the one that matters",
        "localhost:80                     | localhost | 80 | ''",
        "[2001:db8::1]:443:https://example.org/health | 2001:db8::1 | 443 | https://example.org/health",
    })
    void parsesTheOriginalFormAndMore(String line, String host, int port, String informations) {
        TargetLine parsed = TargetLine.parse(line);
        assertEquals(new Target(host, port), parsed.target());
        assertEquals(informations, parsed.informations());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1                | missing port: expected host:port:informations",
        "127.0.0.1::no port       | missing port: expected host:port:informations",
        "127.0.0.1:70000:x        | port 70000 out of range: expected a port number from 1 to 65535",
        "127.0.0.1:0:x            | port 0 out of range: expected a port number from 1 to 65535",
        "127.0.0.1:ssh:x          | port ssh is not a number: expected a port number from 1 to 65535",
        "[::1:22:x                | unclosed bracket: expected [IPv6 address]:port:informations",
        "[::1]22:x                | expected a colon and a port after ]: expected host:port:informations",
        "[zz::1]:22:x             | zz::1 is not an IPv6 address: expected host:port:informations",
        "::1:22:x                 | missing host: expected host:port:informations (an IPv6 address goes in brackets: [::1]:22:informations)",
        "fe80::1:22:x             | missing port: expected host:port:informations (an IPv6 address goes in brackets: [::1]:22:informations)",
        "web server:80:x          | web server is not a host name or address: expected host:port:informations",
    })
    void rejectsMalformedLinesSayingWhy(String line, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> TargetLine.parse(line)).getMessage());
    }
}
