package dev.kiln.sdk;

import java.util.Map;

/**
 * Status 0: either a request got no answer within its timeout, or {@code createAndWait} / {@code waitFor} gave up
 * before the job reached a terminal status — then {@link #uid()} and {@link #lastStatus()} say which job and where it
 * was; the job itself keeps running and can still be fetched with {@code get(uid)}.
 */
public class KilnTimeoutException extends KilnException {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final String lastStatus;

    public KilnTimeoutException(String message, String uid, String lastStatus, Throwable cause) {
        super(message, 0, null, null, Map.of(), cause);
        this.uid = uid;
        this.lastStatus = lastStatus;
    }

    /** The job waited for, or {@code null} for a request timeout. */
    public String uid() {
        return uid;
    }

    /** The job's last seen status, or {@code null}. */
    public String lastStatus() {
        return lastStatus;
    }
}
