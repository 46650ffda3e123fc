package dev.kiln.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.infra.KilnInfra;
import dev.kiln.infra.ProcessReaper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: real Kafka, PostgreSQL, Redis and S3 from {@link KilnInfra}
 * plus the six packaged services, each in its own JVM. Used by {@code bin/kiln up} and by the
 * black-box tests.
 */
public final class LocalStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Pools outside the AI model catalogue: the template renderers of provider-workers, to which
     * job-orchestrator routes models {@code template-image} and {@code template-video}.
     */
    public static final List<String> TEMPLATE_POOLS = List.of("local-template-image", "local-template-video");
    /**
     * Worker pools the local stack runs: every pool the catalogue routes to plus {@link #TEMPLATE_POOLS}
     * (each is its own dispatch topic, and each is switched on in provider-workers).
     */
    public static final List<String> POOLS = Stream.concat(
                    ModelCatalogue.load().all().stream().map(ModelCatalogue.Model::pool), TEMPLATE_POOLS.stream())
            .distinct().sorted().toList();

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<KilnService, Process> processes = new EnumMap<>(KilnService.class);
    private final Map<KilnService, Integer> ports = new EnumMap<>(KilnService.class);
    private KilnInfra infra;
    private String adminToken;
    private String assetSigningKey;
    private String demoApiKey;
    private String demoWebhookSecret;
    private String demoAccountId;

    private LocalStack(Options options) {
        this.options = options;
    }

    /**
     * What to run and where.
     *
     * @param root         the checkout (services are run from {@code <service>/target/quarkus-app})
     * @param stateDir     where data, logs and secrets live ({@code .kiln})
     * @param persistent   keep data between runs (the developer stack) or throw it away (tests)
     * @param fixedPorts   use each service's default port (8080…8085) when free; otherwise free ports
     * @param demoAccount  create (or reuse) a demo account with an API key
     * @param demoCredits  credits of the demo account
     */
    public record Options(Path root, Path stateDir, boolean persistent, boolean fixedPorts,
                          boolean demoAccount, long demoCredits) {
        public static Options forTests(Path root, Path stateDir) {
            return new Options(root, stateDir, false, false, false, 0);
        }
    }

    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot() {
        Path state = options.stateDir();
        createDirectories(state.resolve("logs"));
        loadOrCreateSecrets(state);
        for (KilnService service : KilnService.values()) {
            Path jar = service.runnerJar(options.root());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + jar + ": build the platform first (./mvnw -DskipTests install)");
            }
        }
        log("Starting Kafka, PostgreSQL, Redis and S3 ...");
        Instant t0 = Instant.now();
        KilnInfra.Builder builder = KilnInfra.builder();
        if (options.persistent()) {
            builder.dataDir(state.resolve("data"));
        }
        infra = builder.build();
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics.catalogue().forEach(t -> topics.put(t.name(), t.partitions()));
        POOLS.forEach(p -> topics.put(Topics.dispatch(p), 6));
        infra.createTopics(topics);
        log("Infrastructure ready in " + Duration.between(t0, Instant.now()).toMillis() + " ms");

        for (KilnService service : KilnService.values()) {
            ports.put(service, options.fixedPorts() && portFree(service.defaultPort()) ? service.defaultPort() : freePort());
        }
        log("Starting the six services ...");
        for (KilnService service : KilnService.values()) {
            processes.put(service, launch(service));
        }
        for (KilnService service : KilnService.values()) {
            awaitReady(service, Duration.ofSeconds(240));
        }
        log("All services ready in " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        if (options.demoAccount()) {
            ensureDemoAccount(state);
            writeEnvFile(state.resolve("local.env"));
        }
    }

    private Process launch(KilnService service) {
        Map<String, String> env = new LinkedHashMap<>(infra.environment());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
        env.put("KILN_ADMIN_TOKEN", adminToken);
        env.put("KILN_ASSET_SIGNING_KEY", assetSigningKey);
        env.put("KILN_ASSET_BASE_URL", assetStoreUrl());
        if (service == KilnService.PROVIDER_WORKERS) {
            POOLS.forEach(pool -> env.put(poolEnabledVariable(pool), "true"));
        }
        // billing carries every hold of every job in batches: it gets a larger heap (as in the Helm chart)
        String heap = service == KilnService.BILLING_SERVICE ? "-Xms256m -Xmx512m" : "-Xms64m -Xmx256m";
        String javaOpts = System.getenv().getOrDefault("KILN_SERVICE_JAVA_OPTS",
                heap + " -XX:+UseSerialGC --add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.add("-jar");
        command.add(service.runnerJar(options.root()).toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(options.stateDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile(service).toFile());
        pb.environment().putAll(env);
        try {
            Process process = pb.start();
            ProcessReaper.watch(process.toHandle());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.id(), e);
        }
    }

    /** The switch of a provider-workers pool, e.g. {@code KILN_POOL_LOCAL_TEMPLATE_IMAGE_ENABLED}. */
    static String poolEnabledVariable(String pool) {
        return "KILN_POOL_" + pool.toUpperCase(Locale.ROOT).replace('-', '_') + "_ENABLED";
    }

    private void awaitReady(KilnService service, Duration timeout) {
        URI ready = URI.create(url(service) + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Process p = processes.get(service);
            if (!p.isAlive()) {
                throw new IllegalStateException(service.id() + " exited with " + p.exitValue() + "; see " + logFile(service));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service.id(), e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(service.id() + " not ready after " + timeout.toSeconds() + " s; see " + logFile(service));
    }

    /** Reuses the demo key from a previous run if it still authenticates, else creates a new account. */
    private void ensureDemoAccount(Path state) {
        Path envFile = state.resolve("local.env");
        if (options.persistent() && Files.isRegularFile(envFile)) {
            Properties previous = readProperties(envFile);
            String key = previous.getProperty("KILN_API_KEY");
            if (key != null && get("/v1/auth", key).statusCode() == 200) {
                demoApiKey = key;
                demoWebhookSecret = previous.getProperty("KILN_WEBHOOK_SECRET");
                demoAccountId = previous.getProperty("KILN_ACCOUNT_ID");
                log("Reusing the demo account " + demoAccountId);
                return;
            }
        }
        JsonNode account = createAccount("Demo account", "scale", options.demoCredits());
        demoAccountId = account.get("account_id").asText();
        demoApiKey = account.get("api_key").asText();
        demoWebhookSecret = account.get("webhook_secret").asText();
        awaitQuota(demoApiKey, Duration.ofSeconds(60));
        log("Created the demo account " + demoAccountId + " with " + options.demoCredits() + " credits");
    }

    /** Creates an account through the gateway's admin API; returns its JSON (account_id, api_key, webhook_secret, …). */
    public JsonNode createAccount(String name, String plan, long credits) {
        String body = "{\"name\":" + quote(name) + ",\"plan\":" + quote(plan) + ",\"credits\":" + credits + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/admin/v1/accounts"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Account creation failed: " + response.statusCode() + " " + response.body());
        }
        return readJson(response.body());
    }

    /** Waits until billing has opened the account's credits and the gateway shows them. */
    public void awaitQuota(String apiKey, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = get("/v1/account", apiKey);
            if (r.statusCode() == 200 && readJson(r.body()).path("api_quota").asLong() > 0) {
                return;
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("The account's credits did not appear within " + timeout.toSeconds() + " s");
    }

    private HttpResponse<String> get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
                .header("Authorization", "Bearer " + apiKey).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void writeEnvFile(Path file) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("KILN_URL", gatewayUrl());
        lines.put("KILN_API_KEY", demoApiKey);
        lines.put("KILN_WEBHOOK_SECRET", demoWebhookSecret);
        lines.put("KILN_ACCOUNT_ID", demoAccountId);
        lines.put("KILN_ADMIN_TOKEN", adminToken);
        lines.put("KILN_ASSET_URL", assetStoreUrl());
        for (KilnService s : KilnService.values()) {
            lines.put("KILN_" + s.name() + "_URL", url(s));
        }
        lines.putAll(infra.environment());
        StringBuilder out = new StringBuilder("# Written by the Kiln local stack; do not commit.\n");
        lines.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loadOrCreateSecrets(Path state) {
        Path file = state.resolve("secrets.properties");
        Properties secrets = options.persistent() && Files.isRegularFile(file) ? readProperties(file) : new Properties();
        adminToken = secrets.getProperty("admin-token", randomToken("kiln_admin_"));
        assetSigningKey = secrets.getProperty("asset-signing-key", randomToken(""));
        if (options.persistent()) {
            secrets.setProperty("admin-token", adminToken);
            secrets.setProperty("asset-signing-key", assetSigningKey);
            try (var out = Files.newBufferedWriter(file)) {
                secrets.store(out, "Kiln local stack secrets (generated on first start)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public String url(KilnService service) {
        return "http://localhost:" + ports.get(service);
    }

    public String gatewayUrl() {
        return url(KilnService.API_GATEWAY);
    }

    public String assetStoreUrl() {
        return url(KilnService.ASSET_STORE);
    }

    public String adminToken() {
        return adminToken;
    }

    public String assetSigningKey() {
        return assetSigningKey;
    }

    public String demoApiKey() {
        return demoApiKey;
    }

    public String demoWebhookSecret() {
        return demoWebhookSecret;
    }

    public KilnInfra infra() {
        return infra;
    }

    public Path logFile(KilnService service) {
        return options.stateDir().resolve("logs").resolve(service.id() + ".log");
    }

    /**
     * Resident memory of every process of the stack, in kB (from /proc): this launcher (which also
     * runs Kafka), the six services, and each infrastructure process with its descendants (e.g.
     * PostgreSQL's backends).
     */
    public Map<String, Long> residentMemoryKb() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("launcher + kafka", rssKb(ProcessHandle.current().pid()));
        processes.forEach((s, p) -> rss.put(s.id(), rssKb(p.pid())));
        infra.processIds().forEach((name, pid) -> rss.put(name, ProcessHandle.of(pid)
                .map(h -> rssKb(pid) + h.descendants().mapToLong(d -> rssKb(d.pid())).sum()).orElse(0L)));
        return rss;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // process gone or not Linux
        }
        return 0;
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (infra != null) {
            infra.close();
            infra = null;
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomToken(String prefix) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(String message) {
        System.out.println("[kiln] " + message);
    }
}
