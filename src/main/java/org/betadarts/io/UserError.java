package org.betadarts.io;

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
}
