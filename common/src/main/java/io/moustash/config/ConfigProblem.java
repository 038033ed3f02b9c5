package io.moustash.config;

/**
 * One thing wrong with a configuration file, located as precisely as the file allows. Its
 * {@link #toString()} is the line a user sees, e.g.
 * {@code moustash.ini: [moustash] redis_port = abc: expected a port number from 1 to 65535}.
 * The value is already masked when the option holds a secret.
 */
public record ConfigProblem(String file, String section, String option, String value, String message) {

    public static ConfigProblem ofFile(String file, String message) {
        return new ConfigProblem(file, null, null, null, message);
    }

    public static ConfigProblem ofSection(String file, String section, String message) {
        return new ConfigProblem(file, section, null, null, message);
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(file);
        if (section != null) {
            line.append(": [").append(section).append(']');
            if (option != null) {
                line.append(' ').append(option);
                if (value != null) {
                    line.append(" = ").append(value.isEmpty() ? "(empty)" : value);
                }
            }
            line.append(": ");
        } else {
            line.append(' ');
        }
        return line.append(message).toString();
    }
}
