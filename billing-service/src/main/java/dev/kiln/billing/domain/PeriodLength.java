package dev.kiln.billing.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** How long a plan period lasts: calendar months (UTC) or, for tests and trials, a fixed duration. */
public record PeriodLength(int months, Duration fixed) {
    public static PeriodLength months(int months) {
        return new PeriodLength(months, null);
    }

    public Instant after(Instant start) {
        return fixed != null ? start.plus(fixed) : start.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
