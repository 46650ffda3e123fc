package dev.kiln.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Real Kafka, PostgreSQL, Redis and S3 for tests and the local stack, without Docker.
 * <p>
 * Each component is, in order of precedence: an external service (when its {@code KILN_*} variable is set, as
 * environment variable or system property), a Testcontainers container ({@code KILN_INFRA_MODE=testcontainers}),
 * or an embedded server (default). Embedded child processes are watched by {@link ProcessReaper} so they die with
 * this JVM, and a shutdown hook calls {@link #close()}.
 *
 * <pre>{@code
 * try (KilnInfra infra = KilnInfra.builder().s3(false).build()) {
 *     infra.createTopics(Map.of("jobs", 3));
 *     String url = infra.jdbcUrl();
 * }
 * }</pre>
 */
public final class KilnInfra implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KilnInfra.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String TEMP_PREFIX = "kiln-infra-";
    private static final String OWNER_FILE = "owner.pid";

    private final Builder config;
    private final Closer closer = new Closer();
    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    private final Map<String, Duration> startupTimes = new ConcurrentHashMap<>();
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private Path tempRoot;

    private volatile String kafkaBootstrapServers;
    private volatile String jdbcUrl;
    private volatile String dbUsername;
    private volatile String dbPassword;
    private volatile String redisUrl;
    private volatile String s3Endpoint;
    private volatile String s3AccessKey;
    private volatile String s3SecretKey;
    private volatile String s3Region;

    private KilnInfra(Builder config) {
        this.config = config;
        this.shutdownHook = new Thread(this::closeQuietly, "kiln-infra-shutdown");
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** {@code host:port}; null when Kafka is disabled. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/kiln}; null when PostgreSQL is disabled. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String dbUsername() {
        return dbUsername;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /** {@code redis://127.0.0.1:PORT}; null when Redis is disabled. */
    public String redisUrl() {
        return redisUrl;
    }

    /** {@code http://127.0.0.1:PORT} (path-style access); null when S3 is disabled. */
    public String s3Endpoint() {
        return s3Endpoint;
    }

    public String s3AccessKey() {
        return s3AccessKey;
    }

    public String s3SecretKey() {
        return s3SecretKey;
    }

    public String s3Region() {
        return s3Region;
    }

    /** The bucket created at start (default {@code kiln-assets}); null when S3 is disabled. */
    public String s3Bucket() {
        return s3Endpoint == null ? null : config.s3Bucket;
    }

    /** Pids of the embedded child processes ({@code postgres} = postmaster, {@code redis}, {@code s3}). */
    public Map<String, Long> processIds() {
        return ordered(pids);
    }

    /** How long each component took to become ready ({@code kafka}, {@code postgres}, {@code redis}, {@code s3}). */
    public Map<String, Duration> startupTimes() {
        return ordered(startupTimes);
    }

    /** Scratch directory of this instance (deleted on close). */
    Path tempRoot() {
        return tempRoot;
    }

    /** Where each enabled component comes from: {@code embedded}, {@code testcontainers} or {@code external}. */
    public Map<String, String> sources() {
        return ordered(sources);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        Map<String, V> result = new LinkedHashMap<>();
        for (String c : List.of("kafka", "postgres", "redis", "s3")) {
            if (m.containsKey(c)) {
                result.put(c, m.get(c));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** Config for a Quarkus service under test (only the enabled components). */
    public Map<String, String> quarkusConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        if (kafkaBootstrapServers != null) {
            m.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        }
        if (jdbcUrl != null) {
            m.put("quarkus.datasource.jdbc.url", jdbcUrl);
            m.put("quarkus.datasource.username", dbUsername);
            m.put("quarkus.datasource.password", dbPassword);
        }
        if (redisUrl != null) {
            m.put("quarkus.redis.hosts", redisUrl);
        }
        if (s3Endpoint != null) {
            m.put("kiln.s3.endpoint", s3Endpoint);
            m.put("kiln.s3.access-key", s3AccessKey);
            m.put("kiln.s3.secret-key", s3SecretKey);
            m.put("kiln.s3.region", s3Region);
            m.put("kiln.s3.bucket", s3Bucket());
        }
        return m;
    }

    /**
     * Environment variables for child service processes (only the enabled components). Besides the documented
     * names it also sets {@code KILN_KAFKA_BOOTSTRAP_SERVERS}, so that a child JVM that itself builds a
     * {@code KilnInfra} reuses these services instead of starting its own.
     */
    public Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        if (kafkaBootstrapServers != null) {
            m.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
            m.put(Env.KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        }
        if (jdbcUrl != null) {
            m.put(Env.DB_URL, jdbcUrl);
            m.put(Env.DB_USERNAME, dbUsername);
            m.put(Env.DB_PASSWORD, dbPassword);
        }
        if (redisUrl != null) {
            m.put(Env.REDIS_URL, redisUrl);
        }
        if (s3Endpoint != null) {
            m.put(Env.S3_ENDPOINT, s3Endpoint);
            m.put(Env.S3_ACCESS_KEY, s3AccessKey);
            m.put(Env.S3_SECRET_KEY, s3SecretKey);
            m.put(Env.S3_REGION, s3Region);
            m.put("KILN_S3_BUCKET", s3Bucket());
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Creates the topics that do not exist yet with the given partition counts (replication factor = broker
     * default), and adds partitions to existing topics that have fewer. Idempotent.
     */
    public void createTopics(Map<String, Integer> topicPartitions) {
        if (kafkaBootstrapServers == null) {
            throw new IllegalStateException("Kafka is not enabled");
        }
        if (topicPartitions.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> toCreate = topicPartitions.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), Optional.of(e.getValue()), Optional.empty()))
                    .toList();
            for (var f : admin.createTopics(toCreate).values().values()) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> present = topicPartitions.keySet().stream().filter(existing::contains).toList();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                        .get(60, TimeUnit.SECONDS);
                Map<String, NewPartitions> grow = new HashMap<>();
                descriptions.forEach((name, d) -> {
                    int wanted = topicPartitions.get(name);
                    if (d.partitions().size() < wanted) {
                        grow.put(name, NewPartitions.increaseTo(wanted));
                    }
                });
                if (!grow.isEmpty()) {
                    admin.createPartitions(grow).all().get(60, TimeUnit.SECONDS);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Creating topics " + topicPartitions + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + topicPartitions, e);
        }
    }

    /** Creates an S3 bucket (SigV4-signed path-style PUT); an existing bucket is fine. */
    public void createBucket(String name) {
        if (s3Endpoint == null) {
            throw new IllegalStateException("S3 is not enabled");
        }
        try {
            S3Buckets.create(s3Endpoint, s3Region, s3AccessKey, s3SecretKey, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating bucket " + name, e);
        }
    }

    /** Stops what this instance started (never external services) and deletes its temp directories. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // JVM is shutting down (we are probably running inside the hook)
        }
        closer.closeAll();
        FileUtil.deleteTree(tempRoot);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Error while stopping Kiln infrastructure", e);
        }
    }

    @Override
    public String toString() {
        return "KilnInfra" + sources + " " + environment();
    }

    // ------------------------------------------------------------------------------------------------ startup

    private void start() throws Exception {
        String mode = Env.get(Env.MODE, "embedded").toLowerCase(Locale.ROOT);
        boolean containers = switch (mode) {
            case "embedded" -> false;
            case "testcontainers" -> true;
            default -> throw new IllegalArgumentException(Env.MODE + " must be 'embedded' or 'testcontainers', got: " + mode);
        };
        deleteStaleTempDirs();
        tempRoot = Files.createTempDirectory(TEMP_PREFIX);
        Files.writeString(tempRoot.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        FileUtil.deleteTree(Files.createDirectories(tempRoot.resolve("warm-up"))); // loads what close() needs
        Path base = config.dataDir == null ? tempRoot : Files.createDirectories(config.dataDir.toAbsolutePath());
        boolean persistent = config.dataDir != null;
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        Map<String, Callable<Void>> tasks = new LinkedHashMap<>();
        if (config.kafka) {
            Optional<String> ext = Env.get(Env.KAFKA_BOOTSTRAP_SERVERS);
            tasks.put("kafka", () -> {
                if (ext.isPresent()) {
                    sources.put("kafka", "external");
                    kafkaBootstrapServers = ext.get();
                } else if (containers) {
                    sources.put("kafka", "testcontainers");
                    kafkaBootstrapServers = TestcontainersSupport.startKafka(closer, config.kafkaPartitions);
                } else {
                    sources.put("kafka", "embedded");
                    EmbeddedKafka kafka = new EmbeddedKafka(base.resolve("kafka"), config.kafkaPartitions);
                    closer.add("kafka", kafka);
                    kafkaBootstrapServers = kafka.bootstrapServers();
                }
                return null;
            });
        }
        if (config.postgres) {
            Optional<String> ext = Env.get(Env.DB_URL);
            tasks.put("postgres", () -> {
                if (ext.isPresent()) {
                    sources.put("postgres", "external");
                    dbUsername = Env.get(Env.DB_USERNAME, EmbeddedPostgresServer.USERNAME);
                    dbPassword = Env.get(Env.DB_PASSWORD, EmbeddedPostgresServer.PASSWORD);
                    jdbcUrl = ext.get();
                } else if (containers) {
                    sources.put("postgres", "testcontainers");
                    String[] c = TestcontainersSupport.startPostgres(closer);
                    dbUsername = c[1];
                    dbPassword = c[2];
                    jdbcUrl = c[0];
                } else {
                    sources.put("postgres", "embedded");
                    EmbeddedPostgresServer pg = new EmbeddedPostgresServer(base.resolve("postgres"), persistent,
                            base.resolve("postgres.log"));
                    closer.add("postgres", pg);
                    pids.put("postgres", pg.pid());
                    dbUsername = EmbeddedPostgresServer.USERNAME;
                    dbPassword = EmbeddedPostgresServer.PASSWORD;
                    jdbcUrl = pg.jdbcUrl();
                }
                return null;
            });
        }
        if (config.redis) {
            Optional<String> ext = Env.get(Env.REDIS_URL);
            tasks.put("redis", () -> {
                if (ext.isPresent()) {
                    sources.put("redis", "external");
                    redisUrl = ext.get();
                } else if (containers) {
                    sources.put("redis", "testcontainers");
                    redisUrl = TestcontainersSupport.startRedis(closer);
                } else {
                    sources.put("redis", "embedded");
                    EmbeddedRedis redis = new EmbeddedRedis(base.resolve("redis"), persistent,
                            tempRoot.resolve("redis-bin"), base.resolve("redis.log"));
                    closer.add("redis", redis);
                    pids.put("redis", redis.pid());
                    redisUrl = redis.url();
                }
                return null;
            });
        }
        if (config.s3) {
            Optional<String> ext = Env.get(Env.S3_ENDPOINT);
            tasks.put("s3", () -> {
                String endpoint;
                String region = Env.get(Env.S3_REGION, "us-east-1");
                if (ext.isPresent()) {
                    sources.put("s3", "external");
                    endpoint = ext.get();
                    s3AccessKey = Env.get(Env.S3_ACCESS_KEY).orElseThrow(() -> new IllegalStateException(
                            Env.S3_ENDPOINT + " is set but " + Env.S3_ACCESS_KEY + " is not"));
                    s3SecretKey = Env.get(Env.S3_SECRET_KEY).orElseThrow(() -> new IllegalStateException(
                            Env.S3_ENDPOINT + " is set but " + Env.S3_SECRET_KEY + " is not"));
                } else if (containers) {
                    sources.put("s3", "testcontainers");
                    String[] c = TestcontainersSupport.startS3(closer);
                    endpoint = c[0];
                    s3AccessKey = c[1];
                    s3SecretKey = c[2];
                } else {
                    sources.put("s3", "embedded");
                    S3ProxyServer s3 = new S3ProxyServer(base.resolve("s3"), tempRoot.resolve("s3proxy"),
                            base.resolve("s3proxy.log"));
                    closer.add("s3", s3);
                    pids.put("s3", s3.pid());
                    endpoint = s3.endpoint();
                    s3AccessKey = S3ProxyServer.ACCESS_KEY;
                    s3SecretKey = S3ProxyServer.SECRET_KEY;
                }
                s3Region = region;
                try {
                    S3Buckets.create(endpoint, region, s3AccessKey, s3SecretKey, config.s3Bucket);
                } catch (IOException e) {
                    if (ext.isEmpty()) {
                        throw e;
                    }
                    LOG.log(Level.WARNING, "Could not create bucket {0} on external S3 {1}: {2}", config.s3Bucket,
                            endpoint, e.getMessage());
                }
                s3Endpoint = endpoint;
                return null;
            });
        }
        runAll(tasks);
        LOG.log(Level.INFO, "Kiln infrastructure ready: {0} startup={1}", sources, startupTimes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().toMillis() + "ms").collect(Collectors.joining(", ")));
    }

    /** Temp dirs of JVMs that died without cleaning up (e.g. SIGKILL); their children are gone by now. */
    private static void deleteStaleTempDirs() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var dirs = Files.newDirectoryStream(tmp, TEMP_PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
                    if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    if (Files.getLastModifiedTime(dir).toMillis() > System.currentTimeMillis() - 60_000) {
                        continue; // let the watchdogs finish first
                    }
                    FileUtil.deleteTree(dir);
                } catch (IOException | RuntimeException ignored) {
                    // not ours, or still being created
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private void runAll(Map<String, Callable<Void>> tasks) throws Exception {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            Thread t = new Thread(r, "kiln-infra-start-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<Void>> futures = new LinkedHashMap<>();
            tasks.forEach((name, task) -> futures.put(name, pool.submit(() -> {
                long t0 = System.nanoTime();
                task.call();
                startupTimes.put(name, Duration.ofNanos(System.nanoTime() - t0));
                return null;
            })));
            Exception failure = null;
            for (var e : futures.entrySet()) {
                try {
                    e.getValue().get();
                } catch (ExecutionException ex) {
                    Exception cause = ex.getCause() instanceof Exception c ? c : ex;
                    IllegalStateException wrapped = new IllegalStateException(
                            "Starting " + e.getKey() + " failed: " + cause.getMessage(), cause);
                    if (failure == null) {
                        failure = wrapped;
                    } else {
                        failure.addSuppressed(wrapped);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Named resources, closed in reverse order of registration. */
    static final class Closer {
        private final List<Map.Entry<String, AutoCloseable>> items = new ArrayList<>();

        synchronized void add(String name, AutoCloseable c) {
            items.add(Map.entry(name, c));
        }

        void closeAll() {
            List<Map.Entry<String, AutoCloseable>> copy;
            synchronized (this) {
                copy = new ArrayList<>(items);
                items.clear();
            }
            Collections.reverse(copy);
            for (var e : copy) {
                try {
                    e.getValue().close();
                } catch (Exception | LinkageError ex) { // LinkageError: class loader already closed (Quarkus tests)
                    LOG.log(Level.WARNING, "Error while stopping " + e.getKey(), ex);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ builder

    public static final class Builder {
        private boolean kafka = true;
        private boolean postgres = true;
        private boolean redis = true;
        private boolean s3 = true;
        private Path dataDir;
        private int kafkaPartitions = 3;
        private String s3Bucket = "kiln-assets";

        private Builder() {
        }

        public Builder kafka(boolean enabled) {
            this.kafka = enabled;
            return this;
        }

        public Builder postgres(boolean enabled) {
            this.postgres = enabled;
            return this;
        }

        public Builder redis(boolean enabled) {
            this.redis = enabled;
            return this;
        }

        public Builder s3(boolean enabled) {
            this.s3 = enabled;
            return this;
        }

        /**
         * Persistent data directory (e.g. {@code .kiln/data}); subdirectories {@code kafka}, {@code postgres},
         * {@code redis}, {@code s3} plus log files. {@code null} (default) = a temp directory deleted on close.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Partitions of auto-created topics (embedded/testcontainers Kafka), default 3. */
        public Builder kafkaPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            this.kafkaPartitions = partitions;
            return this;
        }

        /** Bucket created at start, default {@code kiln-assets}. */
        public Builder s3Bucket(String bucket) {
            this.s3Bucket = bucket;
            return this;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.kafka = kafka;
            b.postgres = postgres;
            b.redis = redis;
            b.s3 = s3;
            b.dataDir = dataDir;
            b.kafkaPartitions = kafkaPartitions;
            b.s3Bucket = s3Bucket;
            return b;
        }

        /** Starts the enabled components (in parallel) and returns when all are ready. */
        public KilnInfra build() {
            KilnInfra infra = new KilnInfra(copy());
            try {
                infra.start();
                return infra;
            } catch (Exception e) {
                infra.close();
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("Starting Kiln infrastructure failed: " + e.getMessage(), e);
            }
        }
    }
}
