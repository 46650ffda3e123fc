package dev.kiln.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sustained billing holds per second through Kafka: every hold is the whole two-phase path of a
 * job's credits — {@code JobRequested} → billing reserves ({@code CreditsReserved} on the
 * reservations topic, {@code hold.created} on the ledger) → the job "succeeds"
 * ({@code JobStatusChanged(succeeded, 1 output)}, sent by this tool as each reservation arrives) →
 * billing captures ({@code hold.posted} CloudEvent on the ledger topic).
 *
 * <p>The run opens {@code --accounts} accounts, sends {@code --warmup} requests and waits until all
 * of them are posted (not counted), then sends {@code --holds} requests as fast as the producer goes
 * (or at {@code --rate}) and waits until each one is posted. It reports holds/s = holds / (last
 * {@code hold.posted} received − first request sent), reservations/s likewise, the latency of each
 * reservation and capture, the CPU each process used, and checks the ledger afterwards: every job
 * reserved once and posted once, every account's balance exact, billing's reconciliation consistent.
 *
 * <p>The run is bounded: each phase gets at most {@code --timeout}; the tool stops what it started.
 * Exit status: 0 when every hold was posted and every invariant holds, 1 otherwise, 2 for a bad
 * command line.
 */
public final class HoldsLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Billing's heap as the local stack and the Helm chart size it (512 MiB; Helm: 75 % of a 768Mi–1Gi pod). */
    private static final String JAVA_OPTS = "-Xms512m -Xmx512m -XX:+UseSerialGC --add-opens java.base/java.lang=ALL-UNNAMED";
    private static final String EVENT_TYPE_HEADER = "kiln-event-type";
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(30);
    private static final JobSpec SPEC = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "holds load",
            Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");

    private final HoldsOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String accountPrefix = "acct-hl-" + run + "-";
    private final String jobPrefix = "img_hl" + run + "_";

    // per job index (warm-up first, then measured): System.nanoTime() of each step, 0 = not yet
    private final AtomicLongArray sentAt;
    private final AtomicLongArray reservedAt;
    private final AtomicLongArray postedAt;
    /** Wall clock (epoch µs) when the succeeded status of each job was sent. */
    private final AtomicLongArray statusSentMicros;
    // Where the time of a measured hold goes, from billing's own timestamps (same machine, same clock);
    // each histogram is written by one reader thread only and read after it stopped.
    private final Histogram reserveWait = histogram();
    private final Histogram reservePublish = histogram();
    private final Histogram settleWait = histogram();
    private final Histogram settlePublish = histogram();
    private final AtomicInteger reservedWarmup = new AtomicInteger();
    private final AtomicInteger reservedMeasured = new AtomicInteger();
    private final AtomicInteger postedWarmup = new AtomicInteger();
    private final AtomicInteger postedMeasured = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger duplicateReservations = new AtomicInteger();
    private final AtomicInteger duplicatePosts = new AtomicInteger();
    private final AtomicInteger wrongAmounts = new AtomicInteger();
    private final AtomicInteger sendErrors = new AtomicInteger();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    private KilnInfra infra;
    private Process billing;
    private Path billingLog;
    private String bootstrap;
    private URI billingUrl;
    private KafkaProducer<String, KilnEvent> producer;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean reading = true;

    private HoldsLoad(HoldsOptions options) {
        this.options = options;
        int total = options.total();
        this.sentAt = new AtomicLongArray(total);
        this.reservedAt = new AtomicLongArray(total);
        this.postedAt = new AtomicLongArray(total);
        this.statusSentMicros = new AtomicLongArray(total);
    }

    public static void main(String[] args) {
        HoldsOptions options;
        try {
            options = HoldsOptions.parse(args);
        } catch (LoadOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("HoldsLoad: " + e.getMessage());
            }
            System.err.print(HoldsOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int status;
        HoldsLoad load = new HoldsLoad(options);
        try {
            status = load.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 130;
        } catch (RuntimeException | IOException e) {
            System.err.println("HoldsLoad: " + e);
            status = 1;
        } finally {
            load.close();
        }
        System.exit(status);
    }

    private int run() throws IOException, InterruptedException {
        String loadBefore = SubmitLoad.loadAverage();
        Instant startedAt = Instant.now();
        Map<String, String> billingEnv = new LinkedHashMap<>();
        if (options.ownInfrastructure()) {
            log("Starting Kafka and PostgreSQL ...");
            infra = KilnInfra.builder().redis(false).s3(false).build();
            bootstrap = infra.kafkaBootstrapServers();
            billingEnv.putAll(infra.environment());
        } else {
            bootstrap = options.kafka();
            billingEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            if (options.dbUrl() != null) {
                billingEnv.put("KILN_DB_URL", options.dbUrl());
                billingEnv.put("KILN_DB_USERNAME", options.dbUser());
                billingEnv.put("KILN_DB_PASSWORD", options.dbPassword());
            }
        }
        ensureTopics();
        if (options.ownBilling()) {
            startBilling(billingEnv);
        } else {
            billingUrl = options.billingUrl();
            awaitReady(Duration.ofSeconds(30));
        }

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        producer = new KafkaProducer<>(props, new StringSerializer(), new KilnEventSerializer());
        // Readers start at the current end of both topics, before anything of this run is sent.
        startReader("holds-load-reservations", Topics.RESERVATIONS, new KilnEventDeserializer(), this::onReservation);
        startReader("holds-load-ledger", Topics.LEDGER, new ByteArrayDeserializer(), this::onLedgerRecord);

        long[] holdsOf = new long[options.accounts()];
        for (int i = 0; i < options.total(); i++) {
            holdsOf[i % options.accounts()]++;
        }
        long opening = (holdsOf[0] + 10) * options.price();
        List<String> accounts = openAccounts(opening);

        Phase warmup = null;
        if (options.warmup() > 0) {
            warmup = phase("warm-up", 0, options.warmup(), accounts);
        }
        Cpu cpuBefore = cpu();
        Phase measured = phase("measured", options.warmup(), options.total(), accounts);
        Cpu cpuAfter = cpu();
        reading = false;
        for (Thread t : readers) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }

        List<Check> checks = checks(accounts, holdsOf, opening);
        String report = report(startedAt, loadBefore, accounts.size(), opening, warmup, measured,
                cpuBefore, cpuAfter, checks);
        System.out.println(report);
        return measured.complete() && checks.stream().allMatch(Check::pass) ? 0 : 1;
    }

    // ------------------------------------------------------------------ phases

    /** One phase: requests {@code from}..{@code to-1}, sent, then awaited until all are posted (or the timeout). */
    record Phase(String name, int from, int to, long start, long sentAll, long end, boolean complete) {
        int count() {
            return to - from;
        }
    }

    private Phase phase(String name, int from, int to, List<String> accounts) throws InterruptedException {
        int n = to - from;
        boolean measured = from >= options.warmup();
        AtomicInteger posted = measured ? postedMeasured : postedWarmup;
        AtomicInteger reserved = measured ? reservedMeasured : reservedWarmup;
        log(String.format(Locale.ROOT, "%s: %,d requests over %d accounts%s", name, n, accounts.size(),
                options.rate() > 0 ? " at " + SubmitLoad.fmtRate(options.rate()) + "/s" : " at full speed"));
        long interval = options.rate() > 0 ? Math.round(1e9 / options.rate()) : 0;
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        long nextLog = start + TimeUnit.SECONDS.toNanos(5);
        for (int i = from; i < to; i++) {
            if (interval > 0) {
                parkUntil(start + (long) (i - from) * interval);
            }
            String account = accounts.get(i % accounts.size());
            String job = jobPrefix + i;
            Instant now = Instant.now();
            JobRequested request = new JobRequested(UUID.randomUUID(), now, job, account, SPEC, options.price(), null,
                    now.plus(Duration.ofHours(1)));
            sentAt.set(i, System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, account, request), this::onSent);
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        producer.flush();
        long sentAll = System.nanoTime();
        while (posted.get() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            long now = System.nanoTime();
            if (now >= nextLog) {
                nextLog += TimeUnit.SECONDS.toNanos(5);
                log(String.format(Locale.ROOT, "%-8s t=%5.1fs reserved %,d posted %,d of %,d (rejected %d, send errors %d)",
                        name, (now - start) / 1e9, reserved.get(), posted.get(), n, rejected.get(), sendErrors.get()));
            }
        }
        boolean complete = posted.get() >= n;
        long end = System.nanoTime();
        if (complete) {
            end = Long.MIN_VALUE;
            for (int i = from; i < to; i++) {
                end = Math.max(end, postedAt.get(i));
            }
        } else {
            log(String.format(Locale.ROOT, "%s: only %,d of %,d posted after %s; giving up", name, posted.get(), n,
                    options.timeout()));
        }
        log(String.format(Locale.ROOT, "%s: %,d posted in %.1f s", name, posted.get(), (end - start) / 1e9));
        return new Phase(name, from, to, start, sentAll, end, complete);
    }

    private void onSent(Object metadata, Exception failure) {
        if (failure != null) {
            sendErrors.incrementAndGet();
            firstProblem.compareAndSet(null, "send failed: " + failure);
        }
    }

    // ------------------------------------------------------------------ readers

    private <V> void startReader(String name, String topic, Deserializer<V> deserializer,
                                 Consumer<ConsumerRecord<String, V>> handler) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before this run sends anything
        Thread t = new Thread(() -> {
            try (consumer) {
                while (reading) {
                    for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(100))) {
                        handler.accept(r);
                    }
                }
            } catch (WakeupException ignored) {
                // stopping
            } catch (RuntimeException e) {
                firstProblem.compareAndSet(null, name + " stopped: " + e);
                log(name + " stopped: " + e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        readers.add(t);
    }

    /** A reservation answer: note it and, the first time, report the job succeeded with one output. */
    private void onReservation(ConsumerRecord<String, KilnEvent> record) {
        long now = System.nanoTime();
        KilnEvent event = record.value();
        if (event == null || event.jobId() == null || !event.jobId().startsWith(jobPrefix)) {
            return;
        }
        int i = indexOf(event.jobId());
        if (event instanceof ReservationRejected rejection) {
            rejected.incrementAndGet();
            firstProblem.compareAndSet(null, "job " + event.jobId() + " rejected: " + rejection.reason());
            return;
        }
        if (!(event instanceof CreditsReserved reserved)) {
            return;
        }
        if (!reservedAt.compareAndSet(i, 0, now)) {
            duplicateReservations.incrementAndGet();
            return;
        }
        (i < options.warmup() ? reservedWarmup : reservedMeasured).incrementAndGet();
        if (i >= options.warmup() && reserved.request() != null) {
            long decided = micros(reserved.occurredAt());
            recordMicros(reserveWait, decided - micros(reserved.request().occurredAt()));
            recordMicros(reservePublish, micros(Instant.now()) - decided);
        }
        Asset output = new Asset("outputs/" + reserved.accountId() + "/" + reserved.jobId() + "/0.png", "image/png",
                1024, 1024, 1024);
        Instant at = Instant.now();
        JobStatusChanged succeeded = new JobStatusChanged(UUID.randomUUID(), at, reserved.jobId(), reserved.accountId(),
                JobStatus.SUCCEEDED, SPEC, null, List.of(output), null, null, reserved.amount(), at);
        statusSentMicros.set(i, micros(at));
        producer.send(new ProducerRecord<>(Topics.JOB_STATUS, reserved.jobId(), succeeded), this::onSent);
    }

    /** A ledger CloudEvent: count this run's {@code hold.posted} (the type header spares decoding the rest). */
    private void onLedgerRecord(ConsumerRecord<String, byte[]> record) {
        long now = System.nanoTime();
        if (record.key() == null || !record.key().startsWith(accountPrefix)) {
            return;
        }
        Header type = record.headers().lastHeader(EVENT_TYPE_HEADER);
        if (type != null && !LedgerEventTypes.HOLD_POSTED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        LedgerEvent event = LedgerCloudEvents.decode(record.value());
        if (!LedgerEventTypes.HOLD_POSTED.equals(event.type()) || event.data().jobId() == null
                || !event.data().jobId().startsWith(jobPrefix)) {
            return;
        }
        int i = indexOf(event.data().jobId());
        if (!postedAt.compareAndSet(i, 0, now)) {
            duplicatePosts.incrementAndGet();
            return;
        }
        if (event.data().amount() != options.price()) {
            wrongAmounts.incrementAndGet();
            firstProblem.compareAndSet(null, "job " + event.data().jobId() + " posted " + event.data().amount());
        }
        (i < options.warmup() ? postedWarmup : postedMeasured).incrementAndGet();
        if (i >= options.warmup() && event.time() != null) {
            long settled = micros(event.time());
            recordMicros(settleWait, settled - statusSentMicros.get(i));
            recordMicros(settlePublish, micros(Instant.now()) - settled);
        }
    }

    private static long micros(Instant t) {
        return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(t.getNano());
    }

    private static Histogram histogram() {
        return new Histogram(1, MAX_MICROS, 3);
    }

    private int indexOf(String jobId) {
        return Integer.parseInt(jobId.substring(jobPrefix.length()));
    }

    // ------------------------------------------------------------------ setup

    private void ensureTopics() throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.catalogue().stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot create the topics on " + bootstrap, e);
        }
    }

    private void startBilling(Map<String, String> env) throws IOException, InterruptedException {
        Path jar = KilnService.BILLING_SERVICE.runnerJar(options.root());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build it first (./mvnw -q -B -pl billing-service -am install -DskipTests)");
        }
        Files.createDirectories(options.logDir());
        billingLog = options.logDir().resolve("billing-service.log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        billingUrl = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getenv().getOrDefault("KILN_SERVICE_JAVA_OPTS", JAVA_OPTS).trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(options.logDir().toFile())
                .redirectErrorStream(true).redirectOutput(billingLog.toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        log("Starting billing-service on " + billingUrl + " (log " + billingLog + ") ...");
        billing = pb.start();
        ProcessReaper.watch(billing.toHandle());
        awaitReady(Duration.ofSeconds(240));
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        URI ready = URI.create(billingUrl + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (billing != null && !billing.isAlive()) {
                throw new IllegalStateException("billing-service exited with " + billing.exitValue() + "; see " + billingLog);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("billing-service at " + billingUrl + " not ready after " + timeout.toSeconds() + " s");
    }

    private List<String> openAccounts(long opening) throws InterruptedException {
        List<String> accounts = new ArrayList<>();
        for (int k = 0; k < options.accounts(); k++) {
            String account = accountPrefix + k;
            accounts.add(account);
            producer.send(new ProducerRecord<>(Topics.ACCOUNTS, account, new AccountOpened(UUID.randomUUID(),
                    Instant.now(), null, account, "Holds load " + k, "free", opening, "whsec_load")), this::onSent);
        }
        producer.flush();
        log(String.format(Locale.ROOT, "Opening %d accounts with %,d credits each ...", accounts.size(), opening));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String account : accounts) {
            while (true) {
                JsonNode view = getJson("/billing/v1/accounts/" + account);
                if (view != null && view.path("available").asLong() == opening) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Account " + account + " was not opened within 120 s");
                }
                Thread.sleep(100);
            }
        }
        return accounts;
    }

    // ------------------------------------------------------------------ checks and report

    record Check(boolean pass, String text) {
    }

    private List<Check> checks(List<String> accounts, long[] holdsOf, long opening) throws InterruptedException {
        int total = options.total();
        int reservedAll = reservedWarmup.get() + reservedMeasured.get();
        int postedAll = postedWarmup.get() + postedMeasured.get();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(reservedAll == total && rejected.get() == 0 && sendErrors.get() == 0,
                String.format(Locale.ROOT, "every request reserved: %,d of %,d CreditsReserved, %d rejected, "
                        + "%d redelivered, %d send errors", reservedAll, total, rejected.get(),
                        duplicateReservations.get(), sendErrors.get())));
        checks.add(new Check(postedAll == total && wrongAmounts.get() == 0,
                String.format(Locale.ROOT, "every hold posted once for its price: %,d of %,d hold.posted of %d credits, "
                        + "%d redelivered, %d wrong amounts", postedAll, total, options.price(), duplicatePosts.get(),
                        wrongAmounts.get())));
        long sumAvailable = 0;
        int wrongAccounts = 0;
        String firstWrong = null;
        for (int k = 0; k < accounts.size(); k++) {
            JsonNode view = getJson("/billing/v1/accounts/" + accounts.get(k));
            long expected = opening - holdsOf[k] * options.price();
            if (view == null) {
                wrongAccounts++;
                firstWrong = firstWrong == null ? accounts.get(k) + " not found" : firstWrong;
                continue;
            }
            long available = view.path("available").asLong();
            long pending = view.path("pending").asLong();
            long posted = view.path("posted").asLong();
            sumAvailable += available;
            if (available != expected || pending != 0 || posted != expected) {
                wrongAccounts++;
                if (firstWrong == null) {
                    firstWrong = String.format(Locale.ROOT, "%s: available %d pending %d posted %d, expected %d / 0 / %d",
                            accounts.get(k), available, pending, posted, expected, expected);
                }
            }
        }
        checks.add(new Check(wrongAccounts == 0, String.format(Locale.ROOT,
                "balance of every account = opening - its holds x %d, nothing pending: %d of %d right%s",
                options.price(), accounts.size() - wrongAccounts, accounts.size(),
                firstWrong == null ? "" : " (" + firstWrong + ")")));
        long sumOpening = opening * accounts.size();
        long expectedSum = sumOpening - (long) total * options.price();
        checks.add(new Check(sumAvailable == expectedSum, String.format(Locale.ROOT,
                "sum of available %,d = %,d opened - %,d holds x %d (%,d)", sumAvailable, sumOpening, total,
                options.price(), expectedSum)));
        JsonNode reconciliation = getJson("/billing/v1/reconciliation");
        boolean consistent = reconciliation != null && reconciliation.path("consistent").asBoolean(false);
        checks.add(new Check(consistent, reconciliation == null ? "reconciliation: no answer"
                : "reconciliation consistent: " + reconciliation.path("consistent").asText() + ", violations "
                + reconciliation.path("violations") + String.format(Locale.ROOT, ", %,d transfers",
                reconciliation.path("transfers").asLong())));
        return checks;
    }

    private String report(Instant startedAt, String loadBefore, int accounts, long opening, Phase warmup,
                          Phase measured, Cpu cpuBefore, Cpu cpuAfter, List<Check> checks) {
        StringBuilder out = new StringBuilder();
        String target = options.ownBilling() ? "packaged billing-service started here (" + javaOpts() + ")"
                : "running billing-service at " + billingUrl;
        out.append("==== Kiln billing holds: JobRequested -> CreditsReserved -> succeeded -> hold.posted ====\n");
        line(out, "started", startedAt + " on " + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + loadBefore + " before, " + SubmitLoad.loadAverage() + " after");
        line(out, "billing", target);
        line(out, "infrastructure", options.ownInfrastructure()
                ? "Kafka (in this JVM) + PostgreSQL started here" : "Kafka at " + bootstrap);
        line(out, "accounts", String.format(Locale.ROOT, "%d, %,d credits each; %d credits per job, 1 output",
                accounts, opening, options.price()));
        if (warmup != null) {
            line(out, "warm-up", String.format(Locale.ROOT, "%,d holds in %.1f s, not counted%s", warmup.count(),
                    (warmup.end() - warmup.start()) / 1e9, warmup.complete() ? "" : " (INCOMPLETE)"));
        }
        int n = measured.count();
        double sendSeconds = (measured.sentAll() - measured.start()) / 1e9;
        line(out, "sent", String.format(Locale.ROOT, "%,d JobRequested in %.2f s (%,.0f/s%s)", n, sendSeconds,
                n / Math.max(sendSeconds, 1e-9), options.rate() > 0 ? ", paced" : ", full speed"));
        long lastReserved = Long.MIN_VALUE;
        Histogram reserve = histogram();
        Histogram capture = histogram();
        for (int i = measured.from(); i < measured.to(); i++) {
            long sent = sentAt.get(i);
            long r = reservedAt.get(i);
            long p = postedAt.get(i);
            if (r != 0) {
                lastReserved = Math.max(lastReserved, r);
                record(reserve, r - sent);
            }
            if (p != 0) {
                record(capture, p - sent);
            }
        }
        int reservedN = reservedMeasured.get();
        int postedN = postedMeasured.get();
        double holdsSeconds = (measured.end() - measured.start()) / 1e9;
        line(out, "holds/s", String.format(Locale.ROOT, "%,.0f  (%,d posted; first request -> last hold.posted %.2f s)%s",
                postedN / holdsSeconds, postedN, holdsSeconds, measured.complete() ? "" : " INCOMPLETE"));
        if (reservedN > 0) {
            double reservedSeconds = (lastReserved - measured.start()) / 1e9;
            line(out, "reservations/s", String.format(Locale.ROOT,
                    "%,.0f  (%,d reserved; first request -> last CreditsReserved %.2f s)",
                    reservedN / reservedSeconds, reservedN, reservedSeconds));
        }
        out.append(String.format(Locale.ROOT, "  %-16s %9s %9s %9s %9s %9s%n", "latency ms", "p50", "p90", "p99",
                "max", "mean"));
        latency(out, "reservation", reserve);
        latency(out, "  waiting", reserveWait);
        latency(out, "  publishing", reservePublish);
        latency(out, "capture", capture);
        latency(out, "  waiting", settleWait);
        latency(out, "  publishing", settlePublish);
        out.append("""
                  reservation: request sent -> CreditsReserved read; capture: request sent -> hold.posted read
                  waiting: request (succeeded status) sent -> billing's reserve (settle) transaction begins
                  publishing: that transaction begins -> its event read (commit, outbox relay, Kafka)
                """.indent(2).stripTrailing()).append('\n');
        if (cpuBefore != null && cpuAfter != null) {
            double wall = (measured.end() - measured.start()) / 1e9;
            StringBuilder cpu = new StringBuilder();
            cpuAfter.seconds().forEach((name, after) -> {
                Double before = cpuBefore.seconds().get(name);
                if (before != null) {
                    double used = after - before;
                    cpu.append(String.format(Locale.ROOT, "%s%s %.1f s (%.0f%%)", cpu.isEmpty() ? "" : ", ", name,
                            used, 100 * used / wall));
                }
            });
            line(out, "cpu (measured)", cpu + " of one core over " + String.format(Locale.ROOT, "%.1f s", wall));
        }
        if (billingLog != null) {
            line(out, "billing log", billingLog + " (" + logLines("WARN") + " WARN, " + logLines("ERROR") + " ERROR lines)");
        }
        if (firstProblem.get() != null) {
            line(out, "first problem", firstProblem.get());
        }
        out.append("  invariants\n");
        for (Check c : checks) {
            out.append("    ").append(c.pass() ? "PASS " : "FAIL ").append(c.text()).append('\n');
        }
        out.append("====");
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-16s %s%n", name, value));
    }

    private static void latency(StringBuilder out, String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            out.append(String.format(Locale.ROOT, "  %-16s %9s%n", name, "-"));
            return;
        }
        out.append(String.format(Locale.ROOT, "  %-16s %9.1f %9.1f %9.1f %9.1f %9.1f%n", name,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3, h.getMean() / 1e3));
    }

    private static void record(Histogram h, long nanos) {
        recordMicros(h, TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    private static void recordMicros(Histogram h, long micros) {
        h.recordValue(Math.min(MAX_MICROS, Math.max(1, micros)));
    }

    /** CPU seconds used so far by billing, PostgreSQL (with its backends) and this JVM, where they are known. */
    record Cpu(Map<String, Double> seconds) {
    }

    private Cpu cpu() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (billing != null) {
            seconds.put("billing", cpuSeconds(billing.toHandle()));
        }
        if (infra != null && infra.processIds().containsKey("postgres")) {
            ProcessHandle.of(infra.processIds().get("postgres")).ifPresent(pg -> seconds.put("postgres",
                    cpuSeconds(pg) + pg.descendants().mapToDouble(HoldsLoad::cpuSeconds).sum()));
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            seconds.put(options.ownInfrastructure() ? "this JVM (load + Kafka)" : "this JVM", os.getProcessCpuTime() / 1e9);
        }
        return new Cpu(seconds);
    }

    private static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private long logLines(String level) {
        try (var lines = Files.lines(billingLog)) {
            String marker = " " + level + " ";
            return lines.filter(l -> l.contains(marker)).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private String javaOpts() {
        return System.getenv().getOrDefault("KILN_SERVICE_JAVA_OPTS", JAVA_OPTS).trim();
    }

    private JsonNode getJson(String path) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(billingUrl + path))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void parkUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private void close() {
        reading = false;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
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
        if (infra != null) {
            infra.close();
        }
    }

    private static void log(String message) {
        System.err.println("[holds] " + message);
    }
}
