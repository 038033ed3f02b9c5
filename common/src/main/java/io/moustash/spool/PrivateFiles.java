package io.moustash.spool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The spool holds events' messages and crash output, so what it creates is its owner's alone:
 * files {@code rw-------}, a directory it makes {@code rwx------}, set at creation where the file
 * system is POSIX. A directory that exists keeps the mode its administrator gave it. Also the
 * one-line reasons given when an entry cannot be used.
 */
final class PrivateFiles {
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
    private static final FileAttribute<?>[] FILE = {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))};
    private static final FileAttribute<?>[] DIRECTORY = {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"))};

    private PrivateFiles() {
    }

    /** The attributes a new file in {@code dir} is created with. */
    static FileAttribute<?>[] file(Path dir) {
        return posix(dir) ? FILE : NONE;
    }

    /**
     * Makes {@code dir} unless it exists: its missing parents with the default mode, itself
     * {@code rwx------}.
     */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, posix(parent == null ? dir : parent) ? DIRECTORY : NONE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Why {@code path} is not a regular file ("a directory", "a symbolic link"…), or {@code null} when it is one or is gone. */
    static String notRegular(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile()) {
                return null;
            }
            return "not a regular file (" + (attributes.isDirectory() ? "a directory"
                    : attributes.isSymbolicLink() ? "a symbolic link" : "a special file") + ")";
        } catch (IOException e) {
            return null;
        }
    }

    /** The cause of {@code e} in a few words, without the path: "permission denied", "Is a directory"… */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
