package dev.kiln.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests in which the test plays billing (and, for marked prompts, the orchestrator)
 * on the real Kafka broker: starts a {@link FakeBilling} for the class and waits, before each test,
 * until the gateway is ready (its per-replica consumers own their partitions).
 */
abstract class WithFakeBilling {
    protected static FakeBilling billing;

    @BeforeAll
    static void startFakeBilling() throws Exception {
        billing = FakeBilling.start();
    }

    @AfterAll
    static void stopFakeBilling() throws InterruptedException {
        billing.close();
    }

    @BeforeEach
    void awaitGatewayReady() {
        TestSupport.awaitReady();
    }
}
