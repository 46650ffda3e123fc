package dev.kiln.sdk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Any failure of a Kiln call. The API's error answer is {@code {"error": "<ErrorType>", "message": "...",
 * "status": N}}; {@link #status()}, {@link #errorType()} and {@link #getMessage()} carry it, {@link #rawBody()} the
 * body as received. Typed subclasses exist per HTTP status:
 *
 * <table>
 *   <caption>Exceptions by status</caption>
 *   <tr><th>Status</th><th>Exception</th><th>error</th></tr>
 *   <tr><td>400, 413, 422</td><td>{@link ValidationException}</td><td>ValidationError, PayloadTooLargeError</td></tr>
 *   <tr><td>422</td><td>{@link IdempotencyKeyReusedException} (a ValidationException)</td><td>IdempotencyKeyReusedError</td></tr>
 *   <tr><td>401</td><td>{@link AuthenticationException}</td><td>AuthenticationError</td></tr>
 *   <tr><td>402</td><td>{@link QuotaExceededException}</td><td>QuotaExceededError</td></tr>
 *   <tr><td>403</td><td>{@link PlanRestrictedException}</td><td>PlanRestrictedError</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td><td>NotFoundError</td></tr>
 *   <tr><td>409</td><td>{@link ConflictException}</td><td>ConflictError</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitException}</td><td>RateLimitError</td></tr>
 *   <tr><td>503</td><td>{@link ServiceUnavailableException}</td><td>ServiceUnavailableError</td></tr>
 * </table>
 *
 * Other statuses (500, 502, …) are a plain {@code KilnException}. Failures without an answer have status 0:
 * {@link KilnConnectionException} and {@link KilnTimeoutException}.
 */
public class KilnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final String rawBody;
    private final transient Map<String, List<String>> headers;

    public KilnException(String message, int status, String errorType, String rawBody,
                         Map<String, List<String>> headers, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorType = errorType;
        this.rawBody = rawBody;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null) {
                    copy.put(name, List.copyOf(values));
                }
            });
        }
        this.headers = Collections.unmodifiableMap(copy);
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The API's error name ({@code "error"} field, e.g. {@code QuotaExceededError}), or {@code null}. */
    public String errorType() {
        return errorType;
    }

    /** The response body as received, or {@code null}. */
    public String rawBody() {
        return rawBody;
    }

    /** The response headers (names case-insensitive); empty when there was no answer. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a response header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * How long to wait before retrying, from the {@code Retry-After} header (seconds or an HTTP date); empty when
     * the header is absent or unreadable.
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(KilnException::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
