package dev.kiln.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.contracts.json.KilnEventSerializer;
import dev.kiln.local.KilnService;
import dev.kiln.local.LocalStack;
import dev.kiln.sdk.AiImage;
import dev.kiln.sdk.AiImageParams;
import dev.kiln.sdk.Job;
import dev.kiln.sdk.Kiln;
import dev.kiln.sdk.NotFoundException;
import dev.kiln.sdk.QuotaExceededException;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The six packaged services as separate processes on real Kafka, PostgreSQL, Redis and S3, driven through the Java
 * SDK like a client would, plus Kafka for what a client cannot do (duplicate an event, count dispatches).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Polls of the account API: slow enough to stay inside the key's rate limit (60/min) for a whole wait. */
    private static final Duration ACCOUNT_POLL = Duration.ofSeconds(1);
    private static final String MODEL = "gemini-2.5-flash-image";
    private static final long PRICE = ModelCatalogue.load()
            .resolve(JobKind.AI_IMAGE, MODEL, "x", "16:9", "1K").priceCredits();
    /** The worker pool that serves {@link #MODEL}. */
    private static final String POOL = ModelCatalogue.load().find(MODEL).orElseThrow().pool();

    private LocalStack stack;
    private WebhookReceiver receiver;
    private final List<Kiln> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startPlatform() throws IOException {
        Path root = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("kiln-e2e");
        stack = LocalStack.start(LocalStack.Options.forTests(root, state));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stopPlatform() {
        clients.forEach(Kiln::close);
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** An account opened through the admin API, and an SDK client with its API key. */
    record Customer(String id, String apiKey, String webhookSecret, Kiln api) {
    }

    private Customer newAccount(long credits) {
        JsonNode created = stack.createAccount("e2e " + UUID.randomUUID(), "scale", credits);
        String apiKey = created.get("api_key").asText();
        Kiln api = Kiln.builder().apiKey(apiKey).baseUrl(stack.gatewayUrl() + "/v1")
                .timeout(Duration.ofSeconds(30)).build();
        clients.add(api);
        Customer account = new Customer(created.get("account_id").asText(), apiKey,
                created.get("webhook_secret").asText(), api);
        if (credits > 0) {
            stack.awaitQuota(account.apiKey(), Duration.ofSeconds(60));
        }
        return account;
    }

    /** Polls the job until it has exactly this status (a job that is not visible yet counts as not there). */
    private AiImage awaitStatus(Customer account, String uid, String status) {
        AiImage[] last = new AiImage[1];
        await().atMost(JOB_TIMEOUT).pollInterval(POLL).ignoreExceptionsInstanceOf(NotFoundException.class).until(() -> {
            last[0] = account.api().aiImages().get(uid);
            return status.equals(last[0].status());
        });
        return last[0];
    }

    @Test
    void successImageDownloadsCreditsCapturedAndSignedWebhookArrives() throws Exception {
        Customer account = newAccount(1000);
        Kiln api = account.api();
        assertThat(api.auth().test().message()).isEqualTo("Authenticated");
        String hook = "/hooks/" + UUID.randomUUID();

        AiImage done = api.aiImages().createAndWait(AiImageParams.builder()
                        .prompt("A minimalist product photo of a white sneaker")
                        .model(MODEL).aspectRatio("16:9").imageSize("1K")
                        .webhookUrl(receiver.url(hook)).build(),
                POLL, JOB_TIMEOUT);
        assertThat(done.status()).as("%s", done).isEqualTo(Job.COMPLETED);
        String uid = done.uid();
        assertThat(done.width()).isEqualTo(1344);
        assertThat(done.height()).isEqualTo(768);
        assertThat(done.credits()).isEqualTo(PRICE);
        assertThat(done.error()).isNull();
        String imageUrl = done.imageUrl();
        assertThat(imageUrl).startsWith(stack.assetStoreUrl());

        Response image = given().get(imageUrl);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        byte[] png = image.asByteArray();
        assertThat(image.header("Content-Length")).isEqualTo(Integer.toString(png.length));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded).isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(1344);
        assertThat(decoded.getHeight()).isEqualTo(768);

        await().atMost(JOB_TIMEOUT).pollInterval(ACCOUNT_POLL).untilAsserted(() -> {
            var balance = api.account().get();
            assertThat(balance.apiUsage()).isEqualTo(PRICE);
            assertThat(balance.apiQuota()).isEqualTo(1000);
        });

        String secret = api.webhooks().defaultSecret();
        assertThat(secret).isEqualTo(account.webhookSecret());
        await().atMost(JOB_TIMEOUT).until(() -> !receiver.at(hook).isEmpty());
        WebhookReceiver.Received delivery = receiver.at(hook).get(0);
        new Webhook(secret).verify(delivery.body(), delivery.headers());
        JsonNode payload = JSON.readTree(delivery.body());
        assertThat(payload.get("type").asText()).isEqualTo("job.completed");
        assertThat(payload.at("/data/uid").asText()).isEqualTo(uid);
        assertThat(given().get(payload.at("/data/image_url").asText()).statusCode()).isEqualTo(200);
        assertThat(receiver.at(hook)).hasSize(1);
    }

    @Test
    void insufficientCreditsIs402AndNothingIsDispatched() {
        Customer account = newAccount(PRICE - 1);
        Kiln api = account.api();
        await().atMost(JOB_TIMEOUT).pollInterval(ACCOUNT_POLL).until(() -> api.account().get().apiQuota() == PRICE - 1);
        QuotaExceededException rejected = catchThrowableOfType(QuotaExceededException.class, () -> api.aiImages()
                .create(AiImageParams.builder().prompt("too expensive").imageSize("1K").build()));
        assertThat(rejected).as("a 402 QuotaExceededException").isNotNull();
        assertThat(rejected.status()).as(rejected.rawBody()).isEqualTo(402);
        assertThat(rejected.errorType()).isEqualTo("QuotaExceededError");

        assertThat(api.aiImages().list()).isEmpty();
        var balance = api.account().get();
        assertThat(balance.apiUsage()).isZero();
        assertThat(balance.apiQuota()).isEqualTo(PRICE - 1);
        // Nothing of this account reached a worker pool.
        assertThat(dispatchesOf(account.id())).isEmpty();
    }

    @Test
    void generatorFailureEndsFailedReleasesCreditsAndSendsWebhook() throws Exception {
        Customer account = newAccount(100);
        Kiln api = account.api();
        String hook = "/hooks/" + UUID.randomUUID();
        AiImage created = api.aiImages().create(AiImageParams.builder()
                .prompt("kiln:fail this one").webhookUrl(receiver.url(hook)).build());
        assertThat(created.status()).isEqualTo(Job.PENDING);
        String uid = created.uid();

        AiImage failed = api.aiImages().waitFor(uid, POLL, JOB_TIMEOUT);
        assertThat(failed.status()).as("%s", failed).isEqualTo(Job.FAILED);
        assertThat(failed.error()).isNotNull();
        assertThat(failed.error().code()).isEqualTo("generation_failed");
        assertThat(failed.imageUrl()).isNull();

        await().atMost(JOB_TIMEOUT).pollInterval(ACCOUNT_POLL).untilAsserted(() -> {
            var balance = api.account().get();
            assertThat(balance.apiUsage()).isZero();
            assertThat(balance.creditsHeld()).isZero();
            assertThat(balance.creditsAvailable()).isEqualTo(100);
        });
        await().atMost(JOB_TIMEOUT).until(() -> !receiver.at(hook).isEmpty());
        WebhookReceiver.Received delivery = receiver.at(hook).get(0);
        new Webhook(account.webhookSecret()).verify(delivery.body(), delivery.headers());
        JsonNode payload = JSON.readTree(delivery.body());
        assertThat(payload.get("type").asText()).isEqualTo("job.failed");
        assertThat(payload.at("/data/error/code").asText()).isEqualTo("generation_failed");
    }

    @Test
    void theSameJobEventDeliveredTwiceMakesOneJobAndOneCharge() throws Exception {
        Customer account = newAccount(100);
        Kiln api = account.api();
        var priced = ModelCatalogue.load().resolve(JobKind.AI_IMAGE, null, "delivered twice", null, null);
        String uid = "img_e2edup" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JobRequested event = new JobRequested(EventIds.of(uid, "requested"), Instant.now(), uid, account.id(),
                priced.spec(), priced.priceCredits(), null, Instant.now().plusSeconds(60));
        try (KafkaProducer<String, KilnEvent> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, account.id(), event)).get();
            producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, account.id(), event)).get();
        }
        awaitStatus(account, uid, Job.COMPLETED);
        await().atMost(JOB_TIMEOUT).pollInterval(ACCOUNT_POLL).untilAsserted(() ->
                assertThat(api.account().get().apiUsage()).isEqualTo(priced.priceCredits()));
        List<AiImage> jobs = api.aiImages().list();
        assertThat(jobs).hasSize(1);
        assertThat(dispatchesOf(account.id())).hasSize(1);
        var balance = api.account().get();
        assertThat(balance.apiUsage()).isEqualTo(priced.priceCredits());
        assertThat(balance.creditsHeld()).isZero();
    }

    @Test
    void assetStoreRefusesBadSignaturesAndMissingObjects() {
        String base = stack.url(KilnService.ASSET_STORE);
        assertThat(given().get(base + "/v1/assets/outputs/x.png?expires=9999999999&signature=bad").statusCode()).isEqualTo(403);
        var urls = new dev.kiln.contracts.assets.AssetUrls(stack.assetSigningKey());
        String missing = urls.sign(base, "outputs/nobody/none/0.png", Instant.now().plusSeconds(60));
        assertThat(given().get(missing).statusCode()).isEqualTo(404);
        String expired = urls.sign(base, "outputs/nobody/none/0.png", Instant.now().minusSeconds(1));
        assertThat(given().get(expired).statusCode()).isEqualTo(403);
    }

    /** Every dispatch of the account on the pool's topic, read from the beginning to the current end. */
    private List<JobDispatched> dispatchesOf(String accountId) {
        List<JobDispatched> found = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infra().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, KilnEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new KilnEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.dispatch(POOL)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(Instant.now()).as("read the dispatch topic to its end").isBefore(deadline);
                for (ConsumerRecord<String, KilnEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() instanceof JobDispatched d && accountId.equals(d.accountId())) {
                        found.add(d);
                    }
                }
            }
        }
        return found;
    }

    private KafkaProducer<String, KilnEvent> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infra().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new KilnEventSerializer());
    }
}
