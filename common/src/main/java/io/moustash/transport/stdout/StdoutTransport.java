package io.moustash.transport.stdout;

import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * One JSON document per line on an output stream, for debugging and for logstash's stdin or
 * json_lines inputs. The stream is whatever {@code System.out} is when the transport is made, so
 * in Fouet, whose real stdout belongs to supervisord, these lines go to stderr.
 */
public final class StdoutTransport implements Transport {
    private static final byte NEWLINE = '\n';
    private final OutputStream out;

    public StdoutTransport(OutputStream out) {
        this.out = out;
    }

    @Override
    public void send(List<byte[]> documents) {
        try {
            for (byte[] document : documents) {
                out.write(document);
                out.write(NEWLINE);
            }
            out.flush();
        } catch (IOException e) {
            throw new TransportException("stdout: cannot write: " + e.getMessage(), e);
        }
    }

    /** Writing to stdout has no timeout of its own; a second stands for it in the publisher's bounds. */
    @Override
    public Duration timeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String describe() {
        return "stdout";
    }

    @Override
    public String destination() {
        return "stdout";
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            // nothing left to report to: the reader is gone
        }
    }
}
