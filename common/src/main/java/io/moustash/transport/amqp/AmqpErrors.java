package io.moustash.transport.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.moustash.transport.tls.TlsErrors;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns amqp-client's exceptions into the one-line cause a user can act on, naming the option to
 * change. Broker texts never hold the password, and neither do these messages.
 */
final class AmqpErrors {
    /** RabbitMQ: {@code inequivalent arg 'durable' for queue 'q' in vhost '/': received 'false' but current is 'true'}. */
    private static final Pattern INEQUIVALENT = Pattern.compile(
            "inequivalent arg '([^']+)' for (queue|exchange) '([^']*)' in vhost '[^']*': received (.+?) but current is (.+)$");
    /** Qpid Broker-J: {@code Attempt to redeclare exchange: 'x' of type fanout to direct.} */
    private static final Pattern REDECLARE = Pattern.compile(
            "redeclare (exchange): '([^']*)' of type (\\S+) to (\\S+?)\\.?$");

    private final RabbitSettings settings;

    AmqpErrors(RabbitSettings settings) {
        this.settings = settings;
    }

    /** Why connecting, declaring or publishing failed; {@code during} names the declaration under way, if any. */
    String explain(Throwable error, Declaration during) {
        Optional<String> tls = settings.tls().enabled() ? TlsErrors.explain(error, settings.tls()) : Optional.empty();
        if (tls.isPresent()) {
            return tls.get();
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailureException) {
                return "login refused for user '" + settings.username()
                        + "': check rabbitmq_username and rabbitmq_password";
            }
            if (t instanceof PossibleAuthenticationFailureException && refusedLogin(t.getCause())) {
                return "login refused for user '" + settings.username()
                        + "': check rabbitmq_username and rabbitmq_password";
            }
            if (t instanceof PossibleAuthenticationFailureException) {
                return "the broker closed the connection at login: wrong rabbitmq_username or rabbitmq_password?"
                        + " (user '" + settings.username() + "')";
            }
            if (t instanceof ShutdownSignalException signal) {
                String closed = closeReason(signal.getReason(), during);
                if (closed != null) {
                    return closed;
                }
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof MalformedFrameException) {
                return "the server does not speak AMQP 0-9-1 here (wrong port? a TLS port needs rabbitmq_ssl = 1): "
                        + t.getMessage();
            }
            if ((t instanceof EOFException || t instanceof java.net.SocketException
                    && String.valueOf(t.getMessage()).contains("reset")) && !settings.tls().enabled()) {
                return "the server closed the connection during the handshake (a TLS port needs rabbitmq_ssl = 1)";
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : oneLine(root.getMessage());
    }

    private String closeReason(Method reason, Declaration during) {
        int code;
        String text;
        if (reason instanceof AMQP.Channel.Close close) {
            code = close.getReplyCode();
            text = close.getReplyText();
        } else if (reason instanceof AMQP.Connection.Close close) {
            code = close.getReplyCode();
            text = close.getReplyText();
        } else {
            return null;
        }
        text = oneLine(text);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (code == AMQP.PRECONDITION_FAILED || during != null && lower.contains("redeclare")) {
            return precondition(text, during);
        }
        if (reason instanceof AMQP.Connection.Close && (lower.contains("vhost") || lower.contains("virtual host"))) {
            return lower.contains("not found") || lower.contains("unknown")
                    ? "virtual host '" + settings.vhost() + "' does not exist (rabbitmq_vhost): " + text
                    : "user '" + settings.username() + "' may not use virtual host '" + settings.vhost()
                            + "' (rabbitmq_vhost, or grant it with rabbitmqctl set_permissions): " + text;
        }
        return switch (code) {
            case AMQP.ACCESS_REFUSED -> "access refused for user '" + settings.username() + "': " + text;
            case AMQP.NOT_FOUND -> text.contains("exchange")
                    ? "exchange '" + settings.exchange() + "' does not exist in virtual host '" + settings.vhost()
                            + "': declare it, or set rabbitmq_declare = 1"
                    : text;
            case AMQP.CONNECTION_FORCED -> "the broker closed the connection: " + text;
            default -> "the broker closed the " + (reason instanceof AMQP.Channel.Close ? "channel" : "connection")
                    + ": " + text;
        };
    }

    private static boolean refusedLogin(Throwable cause) {
        if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Connection.Close close) {
            String text = close.getReplyText() == null ? "" : close.getReplyText().toLowerCase(java.util.Locale.ROOT);
            return close.getReplyCode() == AMQP.ACCESS_REFUSED || text.contains("authentication")
                    || text.contains("login");
        }
        return false;
    }

    /** A declaration the broker refused because what exists differs from what was asked. */
    private String precondition(String text, Declaration during) {
        Matcher m = INEQUIVALENT.matcher(text);
        Matcher qpid = REDECLARE.matcher(text);
        boolean rabbit = m.find();
        if (rabbit || qpid.find()) {
            String arg = rabbit ? m.group(1) : "type";
            String kind = rabbit ? m.group(2) : qpid.group(1);
            String name = rabbit ? m.group(3) : qpid.group(2);
            String asked = unquote(rabbit ? m.group(4) : qpid.group(4));
            String current = unquote(rabbit ? m.group(5) : qpid.group(3));
            String exists = kind + " '" + name + "' already exists with " + arg + " = " + current
                    + ", Moustash asked for " + arg + " = " + asked;
            String option = optionFor(kind, arg);
            if (option != null) {
                return exists + ": set " + option + " = " + optionValue(arg, current)
                        + " to match it (or delete the " + kind + ")";
            }
            return exists + ": set rabbitmq_declare = 0 to publish without declaring";
        }
        if (during == null) {
            return "precondition failed: " + text;
        }
        return during.describe(settings) + " refused, it already exists with other properties (" + text
                + "): set " + during.options() + " to match it, or rabbitmq_declare = 0";
    }

    private static String optionFor(String kind, String arg) {
        if (arg.equals("durable")) {
            return kind.equals("queue") ? "rabbitmq_queue_durable" : "rabbitmq_exchange_durable";
        }
        if (arg.equals("type") && kind.equals("exchange")) {
            return "rabbitmq_exchange_type";
        }
        return null;
    }

    private static String optionValue(String arg, String current) {
        if (arg.equals("durable")) {
            return current.equals("true") ? "1" : "0";
        }
        return current;
    }

    /** {@code 'true'} → {@code true}; RabbitMQ's {@code the value 'quorum' of type 'longstr'} → {@code quorum}. */
    private static String unquote(String value) {
        String v = value.trim();
        Matcher typed = Pattern.compile("^the value '([^']*)' of type '[^']*'$").matcher(v);
        if (typed.matches()) {
            return typed.group(1);
        }
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** What is being declared, for messages when the broker's text does not say. */
    enum Declaration {
        EXCHANGE, QUEUE, BINDING;

        String describe(RabbitSettings s) {
            return switch (this) {
                case EXCHANGE -> "declaring exchange '" + s.exchange() + "' (type = " + s.exchangeType()
                        + ", durable = " + s.exchangeDurable() + ")";
                case QUEUE -> "declaring queue '" + s.queue() + "' (durable = " + s.queueDurable() + ")";
                case BINDING -> "binding queue '" + s.queue() + "' to exchange '" + s.exchange() + "' with key '"
                        + s.key() + "'";
            };
        }

        String options() {
            return switch (this) {
                case EXCHANGE -> "rabbitmq_exchange_type and rabbitmq_exchange_durable";
                case QUEUE -> "rabbitmq_queue_durable";
                case BINDING -> "rabbitmq_key";
            };
        }
    }
}
