package dev.kiln.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * 429: too many requests; retry after {@link #retryAfter()} ({@code Retry-After}). The rate-limit headers, when
 * sent, are available as {@link #limit()}, {@link #remaining()} and {@link #reset()}.
 */
public class RateLimitException extends KilnException {
    private static final long serialVersionUID = 1L;

    public RateLimitException(String message, int status, String errorType, String rawBody,
                              Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }

    /** {@code X-RateLimit-Limit}: requests allowed in the current window. */
    public OptionalLong limit() {
        return number("X-RateLimit-Limit");
    }

    /** {@code X-RateLimit-Remaining}: requests left in the current window. */
    public OptionalLong remaining() {
        return number("X-RateLimit-Remaining");
    }

    /** {@code X-RateLimit-Reset} (Unix seconds): when the window resets. */
    public Optional<Instant> reset() {
        OptionalLong epoch = number("X-RateLimit-Reset");
        return epoch.isPresent() ? Optional.of(Instant.ofEpochSecond(epoch.getAsLong())) : Optional.empty();
    }

    private OptionalLong number(String header) {
        Optional<String> value = header(header);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
