package io.moustash.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/** Warns about secrets in files that other users can read. */
public final class FilePermissions {
    private FilePermissions() {
    }

    /** A warning when {@code file} is readable by users other than its owner and group, else empty. */
    public static Optional<String> secretsWarning(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(file + ": holds a password but is readable by other users; chmod o-r " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions to judge by
        }
        return Optional.empty();
    }
}
