package io.moustash.panpan;

import io.moustash.common.UsageException;
import io.moustash.panpan.stream.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code panpan -}: the whole of stdin is the message, as {@code echo ... | panpan -} means it. */
final class StdinMessage {
    private StdinMessage() {
    }

    /** The line end {@code echo} or a file adds at most: {@code \r\n}. */
    private static final int LINE_END = 2;

    /**
     * Reads stdin to its end as UTF-8, bytes that are not UTF-8 becoming U+FFFD, without the line
     * ends {@code echo} adds. More than {@link LineReader#MAX_LINE} bytes, line ends apart, is a
     * usage error, said in one line: such input is a stream, for {@code --stdin}. Reads a few bytes
     * past the limit at most.
     */
    static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(LineReader.MAX_LINE + LINE_END + 1);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        if (end > LineReader.MAX_LINE || bytes.length > LineReader.MAX_LINE + LINE_END && in.read() >= 0) {
            throw new UsageException("the message on stdin is larger than "
                    + LineReader.MAX_LINE / (1024 * 1024) + " MiB; use --stdin to send one event per line");
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
