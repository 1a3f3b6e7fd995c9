package org.betadarts.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A mistake the user can fix (bad argument, missing or malformed file). The command line prints its
 * message as one line and exits non-zero, without a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws a {@code UserError} with {@code message} unless {@code ok}: the settings records' range checks. */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }

    /** What went wrong in a file operation, in words ("permission denied", "No space left on device"). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + " does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.getMessage();
    }
}
