package dev.kiln.gateway.rest;

import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code wait} preference of RFC 7240 on create requests: {@code Prefer: wait=N} (seconds) asks
 * the gateway to hold the answer until the job ends or N seconds pass. N above the maximum is cut to
 * it; a malformed, negative or zero value is ignored (no waiting, no {@code Preference-Applied}).
 */
public final class PreferWait {
    public static final String PREFER = "Prefer";
    public static final String APPLIED = "Preference-Applied";

    private PreferWait() {
    }

    /** The seconds to wait, at most {@code maxSeconds}, or 0 when the header asks for no (valid) wait. */
    public static long seconds(String prefer, long maxSeconds) {
        if (prefer == null) {
            return 0;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].trim();
            int eq = token.indexOf('=');
            if (eq < 0 || !token.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("wait")) {
                continue;
            }
            String value = token.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return 0; // malformed: ignored
            }
            long seconds = value.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value);
            return Math.min(seconds, maxSeconds);
        }
        return 0;
    }

    public static Duration duration(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** Adds {@code Preference-Applied: wait=N} to a fresh (not replayed) answer when a wait was applied. */
    public static Response applied(Response response, long seconds) {
        if (seconds <= 0 || response.getHeaderString(dev.kiln.gateway.service.Idempotency.REPLAYED_HEADER) != null) {
            return response;
        }
        return Response.fromResponse(response).header(APPLIED, "wait=" + seconds).build();
    }
}
