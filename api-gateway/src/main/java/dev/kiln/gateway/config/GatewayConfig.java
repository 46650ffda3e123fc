package dev.kiln.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Behaviour of the public API ({@code kiln.gateway.*}). */
@ConfigMapping(prefix = "kiln.gateway")
public interface GatewayConfig {

    /**
     * How long a submit waits for billing's reservation decision before answering 503. The same
     * value becomes the request's {@code expires_at}: billing rejects a request it reads later, so
     * a request whose caller was told 503 is never charged.
     */
    @WithDefault("10s")
    Duration reservationTimeout();

    /** How long an API key → account lookup stays cached in Redis. */
    @WithDefault("60s")
    Duration apiKeyCacheTtl();

    /** Longest accepted prompt, in characters. */
    @WithDefault("4000")
    int maxPromptLength();

    /**
     * How long the answer to a create request sent with an {@code Idempotency-Key} is kept (and
     * replayed for the same key and body).
     */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /**
     * How long Redis answers may take on the request path before the gateway gives up on them: the
     * rate limiter then lets the request through, an idempotent create answers 503.
     */
    @WithDefault("500ms")
    Duration redisTimeout();

    /**
     * Longest wait a create request may ask for with {@code Prefer: wait=N} (seconds); a larger N is
     * cut to this.
     */
    @WithDefault("60s")
    Duration maxWait();
}
