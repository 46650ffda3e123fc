package dev.kiln.gateway.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically in Redis: {@code EVALSHA} by its SHA-1 (computed here, so nothing
 * has to be loaded at startup), falling back to {@code EVAL} (which caches it) when Redis answers
 * {@code NOSCRIPT}, e.g. after a restart.
 */
final class RedisScript {
    private final String source;
    private final String sha;

    RedisScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the script on one key; the answer is null when the script returned nil/false. */
    Uni<Response> run(ReactiveRedisDataSource redis, String key, String... args) {
        return run(redis, new String[]{key}, args);
    }

    /** Runs the script on {@code keys}; the answer is null when the script returned nil/false. */
    Uni<Response> run(ReactiveRedisDataSource redis, String[] keys, String... args) {
        return redis.execute("EVALSHA", command(sha, keys, args))
                .onFailure(RedisScript::noScript)
                .recoverWithUni(() -> redis.execute("EVAL", command(source, keys, args)));
    }

    private static String[] command(String script, String[] keys, String... args) {
        List<String> all = new ArrayList<>(args.length + keys.length + 2);
        all.add(script);
        all.add(Integer.toString(keys.length));
        all.addAll(List.of(keys));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static boolean noScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }
}
