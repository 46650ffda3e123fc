package dev.kiln.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/kiln up}: starts the platform with persistent state in {@code .kiln/}, prints the
 * gateway URL and the demo key, writes {@code .kiln/local.env}, and stops everything on Ctrl-C.
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("kiln.root", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            System.err.println("Run from the Kiln checkout (or set -Dkiln.root)");
            System.exit(2);
        }
        long credits = Long.parseLong(System.getenv().getOrDefault("KILN_DEMO_CREDITS", "10000"));
        Instant t0 = Instant.now();
        LocalStack stack = LocalStack.start(new LocalStack.Options(root, root.resolve(".kiln"), true, true, true, credits));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalStack.log("Stopping ...");
            stack.close();
            LocalStack.log("Stopped.");
            stopped.countDown();
        }, "kiln-stop"));
        long ms = Duration.between(t0, Instant.now()).toMillis();
        System.out.println();
        System.out.println("  Kiln is up (" + ms + " ms).");
        System.out.println();
        System.out.println("  Gateway      " + stack.gatewayUrl());
        System.out.println("  Assets       " + stack.assetStoreUrl());
        System.out.println("  API key      " + stack.demoApiKey());
        System.out.println("  Webhook key  " + stack.demoWebhookSecret());
        System.out.println("  Admin token  " + stack.adminToken());
        System.out.println("  Kafka        " + stack.infra().kafkaBootstrapServers());
        System.out.println("  PostgreSQL   " + stack.infra().jdbcUrl());
        System.out.println("  Redis        " + stack.infra().redisUrl());
        System.out.println("  S3           " + stack.infra().s3Endpoint());
        System.out.println();
        System.out.println("  Everything above is in .kiln/local.env; service logs are in .kiln/logs/.");
        System.out.println("  Try:  source .kiln/local.env && curl -s -H \"Authorization: Bearer $KILN_API_KEY\" $KILN_URL/v1/account");
        System.out.println("  Press Ctrl-C to stop.");
        System.out.println();
        var memory = stack.residentMemoryKb();
        memory.forEach((name, kb) -> LocalStack.log(String.format("memory %-20s %,9d kB", name, kb)));
        LocalStack.log(String.format("memory %-20s %,9d kB", "total", memory.values().stream().mapToLong(Long::longValue).sum()));
        stopped.await();
    }
}
