package dev.kiln.sdk;

import java.util.Map;

/** The API could not be reached (connection refused or reset, TLS failure, bad address); status 0. */
public class KilnConnectionException extends KilnException {
    private static final long serialVersionUID = 1L;

    public KilnConnectionException(String message, Throwable cause) {
        super(message, 0, null, null, Map.of(), cause);
    }
}
