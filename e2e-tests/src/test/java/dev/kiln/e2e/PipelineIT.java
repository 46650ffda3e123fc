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
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The six packaged services as separate processes on real Kafka, PostgreSQL, Redis and S3, driven
 * over HTTP like a client would, plus Kafka for what a client cannot do (duplicate an event).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final long PRICE = ModelCatalogue.load()
            .resolve(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "x", "16:9", "1K").priceCredits();

    private LocalStack stack;
    private WebhookReceiver receiver;

    @BeforeAll
    void startPlatform() throws IOException {
        Path root = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("kiln-e2e");
        stack = LocalStack.start(LocalStack.Options.forTests(root, state));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stopPlatform() {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    record Account(String id, String apiKey, String webhookSecret) {
    }

    private Account newAccount(long credits) {
        JsonNode created = stack.createAccount("e2e " + UUID.randomUUID(), "scale", credits);
        Account account = new Account(created.get("account_id").asText(), created.get("api_key").asText(),
                created.get("webhook_secret").asText());
        if (credits > 0) {
            stack.awaitQuota(account.apiKey(), Duration.ofSeconds(60));
        }
        return account;
    }

    private RequestSpecification api(Account account) {
        return given().baseUri(stack.gatewayUrl()).header("Authorization", "Bearer " + account.apiKey());
    }

    private JsonNode awaitStatus(Account account, String uid, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = api(account).get("/v1/ai/images/" + uid);
            if (r.statusCode() != 200) {
                return false;
            }
            last[0] = JSON.readTree(r.asString());
            return status.equals(last[0].path("status").asText());
        });
        return last[0];
    }

    private JsonNode account(Account account) throws IOException {
        return JSON.readTree(api(account).get("/v1/account").then().statusCode(200).extract().asString());
    }

    @Test
    void successImageDownloadsCreditsCapturedAndSignedWebhookArrives() throws Exception {
        Account account = newAccount(1000);
        String hook = "/hooks/" + UUID.randomUUID();
        Response created = api(account).contentType(ContentType.JSON).body(Map.of(
                        "prompt", "A minimalist product photo of a white sneaker",
                        "model", "gemini-2.5-flash-image", "aspect_ratio", "16:9", "image_size", "1K",
                        "webhook_url", receiver.url(hook)))
                .post("/v1/ai/images");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        String uid = created.jsonPath().getString("uid");
        assertThat(created.jsonPath().getString("status")).isEqualTo("pending");

        JsonNode done = awaitStatus(account, uid, "succeeded");
        String imageUrl = done.get("image_url").asText();
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

        await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
            JsonNode balance = account(account);
            assertThat(balance.get("api_usage").asLong()).isEqualTo(PRICE);
            assertThat(balance.get("api_quota").asLong()).isEqualTo(1000);
        });

        await().atMost(JOB_TIMEOUT).until(() -> !receiver.at(hook).isEmpty());
        WebhookReceiver.Received delivery = receiver.at(hook).get(0);
        new Webhook(account.webhookSecret()).verify(delivery.body(), delivery.headers());
        JsonNode payload = JSON.readTree(delivery.body());
        assertThat(payload.get("type").asText()).isEqualTo("job.succeeded");
        assertThat(payload.at("/data/uid").asText()).isEqualTo(uid);
        assertThat(given().get(payload.at("/data/image_url").asText()).statusCode()).isEqualTo(200);
        assertThat(receiver.at(hook)).hasSize(1);
    }

    @Test
    void insufficientCreditsIs402AndNothingIsDispatched() throws Exception {
        Account account = newAccount(PRICE - 1);
        await().atMost(JOB_TIMEOUT).until(() -> account(account).path("api_quota").asLong() == PRICE - 1);
        Response rejected = api(account).contentType(ContentType.JSON)
                .body(Map.of("prompt", "too expensive", "image_size", "1K"))
                .post("/v1/ai/images");
        assertThat(rejected.statusCode()).as(rejected.asString()).isEqualTo(402);
        assertThat(rejected.jsonPath().getString("error")).isEqualTo("QuotaExceededError");

        assertThat(JSON.readTree(api(account).get("/v1/ai/images").asString())).isEmpty();
        JsonNode balance = account(account);
        assertThat(balance.get("api_usage").asLong()).isZero();
        assertThat(balance.get("api_quota").asLong()).isEqualTo(PRICE - 1);
        // Nothing of this account reached a worker pool.
        assertThat(dispatchesOf(account.id())).isEmpty();
    }

    @Test
    void generatorFailureEndsFailedReleasesCreditsAndSendsWebhook() throws Exception {
        Account account = newAccount(100);
        String hook = "/hooks/" + UUID.randomUUID();
        String uid = api(account).contentType(ContentType.JSON)
                .body(Map.of("prompt", "kiln:fail this one", "webhook_url", receiver.url(hook)))
                .post("/v1/ai/images").then().statusCode(200).extract().jsonPath().getString("uid");

        JsonNode failed = awaitStatus(account, uid, "failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("generation_failed");
        assertThat(failed.path("image_url").isMissingNode() || failed.path("image_url").isNull()).isTrue();

        await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
            JsonNode balance = account(account);
            assertThat(balance.get("api_usage").asLong()).isZero();
            assertThat(balance.get("credits_held").asLong()).isZero();
            assertThat(balance.get("credits_available").asLong()).isEqualTo(100);
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
        Account account = newAccount(100);
        var priced = ModelCatalogue.load().resolve(JobKind.AI_IMAGE, null, "delivered twice", null, null);
        String uid = "img_e2edup" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JobRequested event = new JobRequested(EventIds.of(uid, "requested"), Instant.now(), uid, account.id(),
                priced.spec(), priced.priceCredits(), null, Instant.now().plusSeconds(60));
        try (KafkaProducer<String, KilnEvent> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, account.id(), event)).get();
            producer.send(new ProducerRecord<>(Topics.JOBS_REQUESTED, account.id(), event)).get();
        }
        awaitStatus(account, uid, "succeeded");
        await().atMost(JOB_TIMEOUT).untilAsserted(() ->
                assertThat(account(account).get("api_usage").asLong()).isEqualTo(priced.priceCredits()));
        JsonNode jobs = JSON.readTree(api(account).get("/v1/ai/images").asString());
        assertThat(jobs).hasSize(1);
        assertThat(dispatchesOf(account.id())).hasSize(1);
        JsonNode balance = account(account);
        assertThat(balance.get("api_usage").asLong()).isEqualTo(priced.priceCredits());
        assertThat(balance.get("credits_held").asLong()).isZero();
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
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.dispatch("local-image")).stream()
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
