package io.moustash.cuir.check.http;

import java.util.ArrayList;
import java.util.List;

/** The response statuses a probe accepts: codes and ranges such as {@code 200-299,301,302}. */
public record StatusCodes(List<Range> ranges) {
    public static final StatusCodes DEFAULT = parse("200-399");

    public StatusCodes {
        ranges = List.copyOf(ranges);
    }

    record Range(int from, int to) {
        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }

    public static StatusCodes parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            String[] bounds = item.split("-", -1);
            if (bounds.length > 2) {
                throw new IllegalArgumentException(form());
            }
            int from = code(bounds[0]);
            int to = bounds.length == 2 ? code(bounds[1]) : from;
            if (to < from) {
                throw new IllegalArgumentException("range " + item + " ends before it starts");
            }
            ranges.add(new Range(from, to));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException(form());
        }
        return new StatusCodes(ranges);
    }

    private static int code(String text) {
        try {
            int code = Integer.parseInt(text.trim());
            if (code >= 100 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(form());
    }

    private static String form() {
        return "expected status codes from 100 to 599 and ranges, such as 200-299,301";
    }

    public boolean accepts(int code) {
        return ranges.stream().anyMatch(r -> code >= r.from && code <= r.to);
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(Range::toString).toList());
    }
}
