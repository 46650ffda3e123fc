package dev.kiln.infra.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The lifecycle manager without a Quarkus app: init args and sharing across "test classes". */
class KilnInfraResourceTest {

    private static final Map<String, String> REDIS_ONLY = Map.of("kafka", "false", "postgres", "false", "s3", "false");

    @Test
    void sharesOneInfrastructurePerJvm() {
        KilnInfraResource first = new KilnInfraResource();
        first.init(REDIS_ONLY);
        Map<String, String> config1 = first.start();
        assertEquals(1, config1.size(), config1.toString());
        assertTrue(config1.get("quarkus.redis.hosts").startsWith("redis://127.0.0.1:"));
        first.stop(); // no-op: shared

        KilnInfraResource second = new KilnInfraResource();
        second.init(REDIS_ONLY);
        assertEquals(config1, second.start());
        assertEquals(config1, KilnInfraResource.sharedConfig());
    }
}
