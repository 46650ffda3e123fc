package dev.kiln.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExternalOverrideTest {

    @Test
    void externalRedisIsUsedInsteadOfEmbeddedOne() throws Exception {
        try (KilnInfra first = KilnInfra.builder().kafka(false).postgres(false).s3(false).build()) {
            System.setProperty("KILN_REDIS_URL", first.redisUrl());
            System.setProperty("KILN_DB_URL", ""); // blank = unset
            try (KilnInfra second = KilnInfra.builder().kafka(false).postgres(false).s3(false).build()) {
                assertEquals(first.redisUrl(), second.redisUrl());
                assertEquals(Map.of("redis", "external"), second.sources());
                assertTrue(second.processIds().isEmpty(), "no redis-server started: " + second.processIds());
                assertNull(second.kafkaBootstrapServers());
                assertEquals(Map.of("quarkus.redis.hosts", first.redisUrl()), second.quarkusConfig());
                try (RespClient redis = new RespClient(second.redisUrl())) {
                    assertEquals("+PONG", redis.call("PING"));
                }
            } finally {
                System.clearProperty("KILN_REDIS_URL");
                System.clearProperty("KILN_DB_URL");
            }
            // closing the second instance must not stop the external (first) redis
            try (RespClient redis = new RespClient(first.redisUrl())) {
                assertEquals("+PONG", redis.call("PING"));
            }
        }
    }
}
