package dev.kiln.webhooks.domain;

import java.time.Instant;

/**
 * The outcome of one HTTP attempt.
 *
 * @param statusCode the receiver's status, or null if no response arrived
 * @param error      why the attempt failed, or null if it succeeded
 */
public record AttemptResult(Instant startedAt, Integer statusCode, String error) {

    public boolean delivered() {
        return error == null && statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public static AttemptResult response(Instant startedAt, int statusCode) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(startedAt, statusCode, ok ? null : "HTTP " + statusCode);
    }

    public static AttemptResult failure(Instant startedAt, String error) {
        return new AttemptResult(startedAt, null, error);
    }
}
