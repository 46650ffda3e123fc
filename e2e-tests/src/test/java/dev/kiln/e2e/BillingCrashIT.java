package dev.kiln.e2e;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.contracts.json.KilnEventSerializer;
import dev.kiln.contracts.ledger.LedgerCloudEvents;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.contracts.ledger.LedgerEventTypes;
import dev.kiln.infra.KilnInfra;
import dev.kiln.infra.ProcessReaper;
import dev.kiln.local.KilnService;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged billing-service, killed with {@code SIGKILL} between receiving a batch of events and
 * committing what it made of them, loses nothing and doubles nothing once it is started again.
 *
 * <p>Only what billing needs runs: Kafka and PostgreSQL from {@link KilnInfra} and billing's runner
 * jar as a child process (started like the local stack starts it). The crash lands inside billing's
 * transaction without any hook in billing: the test holds {@code billing.transfers} in
 * {@code ACCESS EXCLUSIVE} mode in an open transaction of its own, sends the events, and waits until
 * {@code pg_stat_activity} shows a billing backend waiting on that lock while it already holds its
 * inbox insert — billing has polled the records and is in the middle of its transaction. Then the
 * process is killed, the lock released (PostgreSQL rolls the orphaned transaction back when it finds
 * the client gone), billing started again, and the outcome checked on its real outputs: the
 * reservations topic, the ledger topic, its REST balances and its reconciliation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingCrashIT {
    private static final long PRICE = 4;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(60);
    /** Restart plus the consumer group noticing the killed members (session timeout) and re-assigning. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String JAVA_OPTS = "-Xms64m -Xmx256m -XX:+UseSerialGC --add-opens java.base/java.lang=ALL-UNNAMED";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private KilnInfra infra;
    private KafkaProducer<String, KilnEvent> producer;
    private Path root;
    private Path logs;
    private int port;
    private Process billing;
    private int starts;

    @BeforeAll
    void startBillingAndItsInfrastructure() throws IOException {
        root = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath().normalize();
        Path jar = KilnService.BILLING_SERVICE.runnerJar(root);
        assertThat(jar).as("build billing-service first (./mvnw -DskipTests install)").isRegularFile();
        logs = Files.createDirectories(Path.of("target", "billing-crash-it").toAbsolutePath());
        infra = KilnInfra.builder().redis(false).s3(false).build();
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics.catalogue().forEach(t -> topics.put(t.name(), t.partitions()));
        infra.createTopics(topics);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new KilnEventSerializer());
        port = freePort();
        startBilling();
    }

    @AfterAll
    void stopEverything() {
        try {
            if (billing != null && billing.isAlive()) {
                billing.destroy();
                try {
                    if (!billing.waitFor(20, TimeUnit.SECONDS)) {
                        billing.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    billing.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            try {
                if (producer != null) {
                    producer.close(Duration.ofSeconds(5));
                }
            } finally {
                if (infra != null) {
                    infra.close();
                }
            }
        }
    }

    @Test
    void killedWhileReservingABurstEveryJobIsAnsweredOnceAndHeldOnce() throws Exception {
        ensureBillingRunning();
        // 4 accounts × 10 requests of 4 credits against 30 credits each: 7 fit, 3 are refused
        long opening = 30;
        int perAccount = 10;
        List<String> accounts = openAccounts(4, opening);
        Map<String, String> accountOfJob = new LinkedHashMap<>();
        List<JobRequested> requests = new ArrayList<>();
        for (int i = 0; i < perAccount; i++) {
            for (String account : accounts) {
                String job = newJob();
                accountOfJob.put(job, account);
                requests.add(jobRequested(account, job));
            }
        }
        List<String> jobs = List.copyOf(accountOfJob.keySet());
        awaitOutboxPublished();

        Blocked blocked;
        try (TransfersLock lock = new TransfersLock()) {
            for (JobRequested r : requests) {
                producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, r.accountId(), r));
            }
            producer.flush();
            blocked = awaitBillingBlockedBy(lock);
            killBilling();
        }
        awaitBackendGone(blocked);
        // The crash landed before billing's commit: not one of the requests left a trace.
        assertThat(count("SELECT count(*) FROM billing.reservation_decisions WHERE job_id = ANY (?)", jobs)).isZero();
        assertThat(count("SELECT count(*) FROM billing.holds WHERE job_id = ANY (?)", jobs)).isZero();
        assertThat(count("SELECT count(*) FROM billing.kiln_inbox WHERE event_id::text = ANY (?)",
                requests.stream().map(r -> r.eventId().toString()).toList())).isZero();
        assertThat(answers(jobs)).isEmpty();

        startBilling();
        await("every request answered after the restart").atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> answers(jobs).keySet().containsAll(jobs));
        awaitOutboxPublished();

        Map<String, List<KilnEvent>> answers = answers(jobs);
        assertThat(answers).hasSize(jobs.size());
        answers.forEach((job, replies) -> assertThat(replies).as("answers to %s", job).hasSize(1));
        Map<String, List<LedgerEvent>> holdsCreated = ledgerEvents(LedgerEventTypes.HOLD_CREATED, jobs);
        for (String account : accounts) {
            List<KilnEvent> ofAccount = jobs.stream().filter(j -> accountOfJob.get(j).equals(account))
                    .map(j -> answers.get(j).get(0)).toList();
            assertThat(ofAccount).filteredOn(CreditsReserved.class::isInstance).as("reserved for %s", account)
                    .hasSize((int) (opening / PRICE));
            assertThat(ofAccount).filteredOn(ReservationRejected.class::isInstance).as("rejected for %s", account)
                    .hasSize(perAccount - (int) (opening / PRICE))
                    .allSatisfy(e -> assertThat(((ReservationRejected) e).reason())
                            .isEqualTo(ReservationRejected.INSUFFICIENT_CREDITS));
            long reserved = opening / PRICE;
            assertBalance(account, opening - reserved * PRICE, reserved * PRICE, opening);
        }
        for (String job : jobs) {
            boolean reserved = answers.get(job).get(0) instanceof CreditsReserved;
            List<LedgerEvent> holds = holdsCreated.getOrDefault(job, List.of());
            assertThat(holds).as("hold.created of %s", job).hasSize(reserved ? 1 : 0);
            holds.forEach(h -> assertThat(h.data().amount()).isEqualTo(PRICE));
        }
        assertReconciliationConsistent();
    }

    @Test
    void killedWhileSettlingEveryHoldIsPostedExactlyOnce() throws Exception {
        ensureBillingRunning();
        long opening = 100;
        int perAccount = 5;
        List<String> accounts = openAccounts(4, opening);
        Map<String, String> accountOfJob = new LinkedHashMap<>();
        for (int i = 0; i < perAccount; i++) {
            for (String account : accounts) {
                String job = newJob();
                accountOfJob.put(job, account);
                JobRequested r = jobRequested(account, job);
                producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, account, r));
            }
        }
        producer.flush();
        List<String> jobs = List.copyOf(accountOfJob.keySet());
        await("every job held").atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> answers(jobs).keySet().containsAll(jobs));
        assertThat(answers(jobs).values()).allSatisfy(a -> assertThat(a.get(0)).isInstanceOf(CreditsReserved.class));
        awaitOutboxPublished();
        for (String account : accounts) {
            assertBalance(account, opening - perAccount * PRICE, perAccount * PRICE, opening);
        }

        List<JobStatusChanged> statuses = jobs.stream()
                .map(job -> succeeded(accountOfJob.get(job), job)).toList();
        Blocked blocked;
        try (TransfersLock lock = new TransfersLock()) {
            for (JobStatusChanged s : statuses) {
                producer.send(new ProducerRecord<>(Topics.JOB_STATUS, s.jobId(), s));
            }
            producer.flush();
            blocked = awaitBillingBlockedBy(lock);
            killBilling();
        }
        awaitBackendGone(blocked);
        // Nothing of the settlement was committed: every hold is still pending, no post was published.
        assertThat(count("SELECT count(*) FROM billing.holds WHERE state = 'PENDING' AND job_id = ANY (?)", jobs))
                .isEqualTo(jobs.size());
        assertThat(count("SELECT count(*) FROM billing.kiln_inbox WHERE event_id::text = ANY (?)",
                statuses.stream().map(s -> s.eventId().toString()).toList())).isZero();
        assertThat(ledgerEvents(LedgerEventTypes.HOLD_POSTED, jobs)).isEmpty();

        startBilling();
        await("every hold posted after the restart").atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> ledgerEvents(LedgerEventTypes.HOLD_POSTED, jobs).keySet().containsAll(jobs));
        awaitOutboxPublished();

        Map<String, List<LedgerEvent>> posts = ledgerEvents(LedgerEventTypes.HOLD_POSTED, jobs);
        Map<String, List<LedgerEvent>> holds = ledgerEvents(LedgerEventTypes.HOLD_CREATED, jobs);
        for (String job : jobs) {
            assertThat(holds.get(job)).as("hold.created of %s", job).hasSize(1);
            assertThat(posts.get(job)).as("hold.posted of %s", job).hasSize(1);
            LedgerEvent post = posts.get(job).get(0);
            assertThat(post.data().amount()).isEqualTo(PRICE);
            assertThat(post.data().heldAmount()).isEqualTo(PRICE);
            assertThat(post.data().pendingId()).isEqualTo(holds.get(job).get(0).id());
        }
        assertThat(count("SELECT count(*) FROM billing.holds WHERE state = 'POSTED' AND captured = ? "
                + "AND job_id = ANY (?)", PRICE, jobs)).isEqualTo(jobs.size());
        assertThat(count("SELECT count(*) FROM billing.transfers WHERE type = ? AND job_id = ANY (?)",
                LedgerEventTypes.HOLD_POSTED, jobs)).isEqualTo(jobs.size());
        answers(jobs).forEach((job, replies) -> assertThat(replies).as("answers to %s", job).hasSize(1));
        for (String account : accounts) {
            assertBalance(account, opening - perAccount * PRICE, 0, opening - perAccount * PRICE);
        }
        assertReconciliationConsistent();
    }

    // --- the crash -------------------------------------------------------------------------------

    /** A billing backend waiting for the test's lock, seen from {@code pg_stat_activity}. */
    record Blocked(int pid, String query) {
    }

    /**
     * The test's own open transaction holding {@code billing.transfers} exclusively: every ledger
     * write or read of billing waits for it. Closing rolls it back.
     */
    private final class TransfersLock implements AutoCloseable {
        private final Connection connection;
        private final int pid;

        TransfersLock() throws SQLException {
            connection = db();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '30s'");
                s.execute("LOCK TABLE billing.transfers IN ACCESS EXCLUSIVE MODE");
                try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                    r.next();
                    pid = r.getInt(1);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    /**
     * Waits until a backend is blocked by {@code lock} while it already holds a row lock on
     * {@code billing.kiln_inbox}: a consumer transaction that recorded the polled events in the
     * inbox and now waits to write (or read) the ledger. The scheduled reconciliation, which also
     * reads the transfers, writes no inbox, so it cannot be mistaken for it.
     */
    private Blocked awaitBillingBlockedBy(TransfersLock lock) {
        String sql = """
                SELECT a.pid, a.query FROM pg_stat_activity a
                WHERE a.wait_event_type = 'Lock' AND ? = ANY (pg_blocking_pids(a.pid))
                  AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
                              AND l.relation = 'billing.kiln_inbox'::regclass AND l.mode = 'RowExclusiveLock')""";
        Blocked blocked = await("billing blocked inside its transaction").atMost(BLOCK_TIMEOUT).pollInterval(POLL)
                .until(() -> {
                    try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
                        s.setInt(1, lock.pid);
                        try (ResultSet r = s.executeQuery()) {
                            return r.next() ? Optional.of(new Blocked(r.getInt(1), r.getString(2))) : Optional.<Blocked>empty();
                        }
                    }
                }, Optional::isPresent).orElseThrow();
        assertThat(blocked.query()).as("billing's statement waiting for the lock").containsIgnoringCase("transfers");
        String statement = blocked.query().replaceAll("\\s+", " ");
        System.out.printf("billing backend %d waits for the lock in: %s%n", blocked.pid(),
                statement.length() <= 120 ? statement : statement.substring(0, 117) + "...");
        return blocked;
    }

    /** SIGKILL: no shutdown hook, no rollback, no offset commit, no goodbye to the consumer group. */
    private void killBilling() throws InterruptedException {
        billing.destroyForcibly();
        assertThat(billing.waitFor(30, TimeUnit.SECONDS)).as("billing gone after SIGKILL").isTrue();
        assertThat(billing.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
    }

    /** PostgreSQL ends the orphaned backend (rolling its transaction back) once it finds the client gone. */
    private void awaitBackendGone(Blocked blocked) {
        await("the killed billing's backend ended").atMost(BLOCK_TIMEOUT).pollInterval(POLL)
                .until(() -> count("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", blocked.pid()) == 0);
    }

    // --- billing as a child process -----------------------------------------------------------------

    private void ensureBillingRunning() {
        if (billing == null || !billing.isAlive()) {
            startBilling();
        }
    }

    /** Starts the packaged billing-service like the local stack does and waits until it is ready. */
    private void startBilling() {
        starts++;
        Path log = logs.resolve("billing-service-" + starts + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getenv().getOrDefault("KILN_SERVICE_JAVA_OPTS", JAVA_OPTS).trim().split("\\s+")));
        command.add("-jar");
        command.add(KilnService.BILLING_SERVICE.runnerJar(root).toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(logs.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(infra.environment());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            billing = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start billing-service", e);
        }
        ProcessReaper.watch(billing.toHandle());
        Process process = billing;
        URI ready = URI.create(billingUrl() + "/q/health/ready");
        await("billing-service ready (log: " + log + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("billing-service exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    private String billingUrl() {
        return "http://127.0.0.1:" + port;
    }

    // --- inputs ------------------------------------------------------------------------------------

    private List<String> openAccounts(int n, long credits) {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String account = "acct-crash-" + UUID.randomUUID();
            accounts.add(account);
            producer.send(new ProducerRecord<>(Topics.ACCOUNTS, account, new AccountOpened(UUID.randomUUID(),
                    Instant.now(), null, account, "Crash test", "free", credits, "whsec_test")));
        }
        producer.flush();
        for (String account : accounts) {
            assertBalance(account, credits, 0, credits);
        }
        return accounts;
    }

    private static String newJob() {
        return "img_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static JobRequested jobRequested(String account, String job) {
        JobSpec spec = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "a kiln after a power cut",
                Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");
        // far enough ahead that the restart cannot make the request expire
        return new JobRequested(UUID.randomUUID(), Instant.now(), job, account, spec, PRICE, null,
                Instant.now().plus(Duration.ofMinutes(30)));
    }

    private static JobStatusChanged succeeded(String account, String job) {
        Asset output = new Asset("outputs/" + account + "/" + job + "/0.png", "image/png", 10, 1024, 1024);
        return new JobStatusChanged(UUID.randomUUID(), Instant.now(), job, account, JobStatus.SUCCEEDED, null, null,
                List.of(output), null, null, PRICE, Instant.now());
    }

    // --- outputs -----------------------------------------------------------------------------------

    /** Every answer on the reservations topic to one of {@code jobs}, by job, read to the topic's current end. */
    private Map<String, List<KilnEvent>> answers(Collection<String> jobs) {
        return readToEnd(Topics.RESERVATIONS, new KilnEventDeserializer(), v -> v).stream()
                .filter(e -> e != null && jobs.contains(e.jobId()))
                .collect(Collectors.groupingBy(KilnEvent::jobId));
    }

    /** Ledger CloudEvents of {@code type} about one of {@code jobs}, by job, read to the topic's current end. */
    private Map<String, List<LedgerEvent>> ledgerEvents(String type, Collection<String> jobs) {
        return readToEnd(Topics.LEDGER, new ByteArrayDeserializer(), LedgerCloudEvents::decode).stream()
                .filter(e -> e.type().equals(type) && jobs.contains(e.data().jobId()))
                .collect(Collectors.groupingBy(e -> e.data().jobId()));
    }

    /** Every record of {@code topic} from the beginning to the end offsets at the time of the call. */
    private <V, T> List<T> readToEnd(String topic, Deserializer<V> deserializer, Function<V, T> map) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(Instant.now()).as("read %s to its end", topic).isBefore(deadline);
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    found.add(map.apply(r.value()));
                }
            }
        }
        return found;
    }

    /** Waits until billing's outbox has published every committed row (nothing more is on its way). */
    private void awaitOutboxPublished() {
        await("billing's outbox published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM billing.kiln_outbox WHERE published_at IS NULL") == 0);
    }

    private void assertBalance(String account, long available, long pending, long posted) {
        await("balance of " + account).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().untilAsserted(() -> {
                    JsonPath view = given().baseUri(billingUrl()).get("/billing/v1/accounts/{id}", account)
                            .then().statusCode(200).extract().jsonPath();
                    assertThat(List.of(view.getLong("available"), view.getLong("pending"), view.getLong("posted")))
                            .as("available, pending, posted of %s", account)
                            .containsExactly(available, pending, posted);
                });
    }

    private void assertReconciliationConsistent() {
        JsonPath report = given().baseUri(billingUrl()).get("/billing/v1/reconciliation")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("consistent")).as("reconciliation %s", report.prettify()).isTrue();
        Map<String, Object> violations = report.getMap("violations");
        assertThat(violations).containsOnlyKeys("double_entry", "balances_match_transfers", "no_negative_balance",
                "captured_at_most_once", "no_leaked_holds");
        assertThat(violations.values()).allSatisfy(v -> assertThat(((Number) v).longValue()).isZero());
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private Connection db() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.dbUsername(), infra.dbPassword());
    }

    /** A {@code count(*)} query; collection parameters become {@code varchar[]} (for {@code = ANY (?)}). */
    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Collection<?> values) {
                    s.setArray(i + 1, c.createArrayOf("varchar", values.toArray()));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
