package dev.kiln.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.gateway.config.GatewayConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.persistence.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on requests that create work. Per account, a key remembers the request's
 * fingerprint (SHA-256 of method, path and the canonical JSON of the body) and, once answered, the
 * answer (status and body) for {@code kiln.gateway.idempotency-ttl}:
 * <ul>
 *     <li>same key, same fingerprint, answered → the stored answer again ({@code Idempotent-Replayed: true}),
 *     no new job and no new charge;</li>
 *     <li>same key, same fingerprint, still in flight → 409 ConflictError;</li>
 *     <li>same key, other fingerprint → 422 IdempotencyKeyReusedError;</li>
 *     <li>answers of 5xx (including a missing billing decision) are not kept: the key is released and
 *     the client may retry with it. 4xx answers given after the request started (402) are kept.</li>
 * </ul>
 * Requests that fail validation never reach this point, so they do not use up the key. Blocking;
 * callers run on virtual threads.
 */
@ApplicationScoped
public class Idempotency {
    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    private static final String IN_FLIGHT = "in_flight";
    private static final String DONE = "done";
    /** Sorted keys and properties: the same body always has the same bytes. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();

    /** An answer as the client sees it: status and JSON body. */
    public record Answer(int status, String body, boolean replayed) {
    }

    /** A stored record (JSON in Redis). */
    record Entry(String state, String fingerprint, String claim, Integer status, String body) {
    }

    private final IdempotencyStore store;
    private final Duration ttl;
    private final Duration claimTtl;
    private final Duration timeout;

    public Idempotency(IdempotencyStore store, GatewayConfig config) {
        this.store = store;
        this.ttl = config.idempotencyTtl();
        // a claim outlives the longest request: reservation, then at most max-wait held open
        this.claimTtl = config.reservationTimeout().plus(config.maxWait()).plusSeconds(30);
        this.timeout = config.redisTimeout();
    }

    /**
     * Runs {@code work} at most once per ({@code caller}'s account, {@code key}); {@code work} returns
     * the answer to keep, or throws {@link ApiException} (kept if 4xx, key released if 5xx).
     */
    public Answer run(Caller caller, String key, String method, String path, Object body, Supplier<Answer> work) {
        validate(key);
        String fingerprint = fingerprint(method, path, body);
        String recordKey = caller.accountId() + ":" + sha256(key);
        String claim = json(new Entry(IN_FLIGHT, fingerprint, UUID.randomUUID().toString(), null, null));
        String existing;
        try {
            existing = store.claim(recordKey, claim, claimTtl, timeout);
        } catch (RuntimeException e) {
            LOG.warnf("Idempotency store unavailable: %s", e.toString());
            throw ApiException.serviceUnavailable("Idempotency keys cannot be checked right now; the request was "
                    + "not processed. Retry later.");
        }
        if (existing != null) {
            return answerExisting(read(existing), fingerprint);
        }
        Answer answer;
        try {
            answer = work.get();
        } catch (ApiException e) {
            if (e.type().status() >= 500) {
                release(recordKey, claim);
            } else {
                keep(recordKey, claim, fingerprint, e.type().status(), errorJson(e));
            }
            throw e;
        } catch (RuntimeException | Error e) {
            release(recordKey, claim);
            throw e;
        }
        if (answer.status() >= 500) {
            release(recordKey, claim);
        } else {
            keep(recordKey, claim, fingerprint, answer.status(), answer.body());
        }
        return answer;
    }

    private static Answer answerExisting(Entry entry, String fingerprint) {
        if (!fingerprint.equals(entry.fingerprint())) {
            throw ApiException.idempotencyKeyReused("This Idempotency-Key was already used with a different request; "
                    + "use a new key for a new request");
        }
        if (IN_FLIGHT.equals(entry.state())) {
            throw ApiException.conflict("A request with this Idempotency-Key is still being processed; "
                    + "retry after it finished to get its answer");
        }
        return new Answer(entry.status(), entry.body(), true);
    }

    private void keep(String recordKey, String claim, String fingerprint, int status, String body) {
        try {
            if (!store.complete(recordKey, claim, json(new Entry(DONE, fingerprint, null, status, body)), ttl, timeout)) {
                LOG.warnf("Idempotency claim %s expired before the answer was stored", recordKey);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not store the answer for idempotency record %s: %s", recordKey, e.toString());
        }
    }

    private void release(String recordKey, String claim) {
        try {
            store.release(recordKey, claim, timeout);
        } catch (RuntimeException e) {
            LOG.warnf("Could not release idempotency record %s (it expires by itself): %s", recordKey, e.toString());
        }
    }

    private static void validate(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.validation("'Idempotency-Key' must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ApiException.validation("'Idempotency-Key' must be printable ASCII");
            }
        }
    }

    /** SHA-256 hex of method, path and the canonical JSON of the (parsed) body. */
    static String fingerprint(String method, String path, Object body) {
        try {
            String canonical = CANONICAL.writeValueAsString(CANONICAL.valueToTree(body));
            return sha256(method + "\n" + path + "\n" + canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String errorJson(ApiException e) {
        try {
            return KilnJson.mapper().writeValueAsString(new ErrorJson(e.type().exceptionName(), e.getMessage(),
                    e.type().status()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record ErrorJson(String error, String message, int status) {
    }

    private static String json(Entry entry) {
        try {
            return KilnJson.mapper().writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Entry read(String value) {
        try {
            return KilnJson.mapper().readValue(value, Entry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable idempotency record", e);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
