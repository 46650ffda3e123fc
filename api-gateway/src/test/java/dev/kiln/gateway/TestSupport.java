package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.contracts.json.KilnEventSerializer;
import dev.kiln.contracts.ledger.LedgerBalance;
import dev.kiln.contracts.ledger.LedgerCloudEvents;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.contracts.ledger.TransferData;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Plain Kafka clients and API helpers for the tests (they play billing's and the orchestrator's part). */
public final class TestSupport {
    public static final String ADMIN_TOKEN = "test-admin-token";
    private static volatile KafkaProducer<String, KilnEvent> producer;
    private static volatile KafkaProducer<String, byte[]> rawProducer;
    private static volatile boolean topicsCreated;

    private TestSupport() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Creates the catalogue topics up front (the app may have auto-created some already). */
    public static synchronized void ensureTopics() throws Exception {
        if (topicsCreated) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            for (Topics.TopicSpec spec : Topics.catalogue()) {
                try {
                    admin.createTopics(List.of(new NewTopic(spec.name(), 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        topicsCreated = true;
    }

    public static synchronized KafkaProducer<String, KilnEvent> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KilnEventSerializer.class.getName()));
        }
        return producer;
    }

    public static void send(String topic, String key, KilnEvent event) throws Exception {
        producer().send(new ProducerRecord<>(topic, key, event)).get();
    }

    /**
     * Sends a ledger event as billing does: a structured-mode CloudEvent (JSON) on {@link Topics#LEDGER},
     * key = account id, header {@code content-type: application/cloudevents+json}.
     */
    public static void sendLedger(LedgerEvent event) throws Exception {
        sendRaw(Topics.LEDGER, event.subject(), LedgerCloudEvents.encode(event), LedgerCloudEvents.CONTENT_TYPE);
    }

    /** Sends raw bytes (e.g. a malformed record), with a {@code content-type} header if not null. */
    public static void sendRaw(String topic, String key, byte[] value, String contentType) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (contentType != null) {
            record.headers().add(new RecordHeader("content-type", contentType.getBytes(StandardCharsets.UTF_8)));
        }
        rawProducer().send(record).get();
    }

    /**
     * A ledger event of {@code type} for {@code accountId}, leaving {@code balance}, with id
     * {@code transferId} (the id consumers deduplicate on).
     */
    public static LedgerEvent ledgerEvent(UUID transferId, String type, String accountId, long sequence,
                                          LedgerBalance balance) {
        Instant now = Instant.now();
        TransferData data = new TransferData(transferId, accountId, null, accountId + ":plan", "platform:revenue",
                0, null, null, null, null, balance, sequence, now);
        return new LedgerEvent(transferId, type, accountId, now, data);
    }

    private static synchronized KafkaProducer<String, byte[]> rawProducer() {
        if (rawProducer == null) {
            rawProducer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        }
        return rawProducer;
    }

    /** A consumer without group, assigned to every partition of {@code topic}, at the start or the end. */
    public static KafkaConsumer<String, KilnEvent> consumer(String topic, boolean fromEnd) {
        KafkaConsumer<String, KilnEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KilnEventDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        partitions.forEach(consumer::position); // resolve now, so later records are seen
        return consumer;
    }

    /** Base URL of the app under test, for plain HTTP clients. */
    public static URI baseUri() {
        return URI.create("http://localhost:" + io.restassured.RestAssured.port);
    }

    /**
     * Sends {@code requests} at once over as many connections, opened beforehand (on an endpoint
     * outside /v1) so the burst itself measures the API, not TCP handshakes.
     */
    public static List<HttpResponse<String>> burst(HttpClient http, List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> warmUp = requests.stream()
                .map(r -> http.sendAsync(HttpRequest.newBuilder(baseUri().resolve("/q/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString())).toList();
        warmUp.forEach(CompletableFuture::join);
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream()
                .map(r -> http.sendAsync(r, HttpResponse.BodyHandlers.ofString())).toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }

    /** Waits until the gateway reports ready (its reply consumer owns partitions). */
    public static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    /** An account opened through the admin API. */
    public record TestAccount(String id, String apiKey, String keyPrefix, String webhookSecret) {
        public String bearer() {
            return "Bearer " + apiKey;
        }
    }

    /** An account on the scale plan (includes AI images and videos). */
    public static TestAccount openAccount(String name, long credits) {
        return openAccount(name, credits, "scale");
    }

    public static TestAccount openAccount(String name, long credits, String plan) {
        var body = given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "plan", plan, "credits", credits))
                .post("/admin/v1/accounts")
                .then().statusCode(201).extract().jsonPath();
        return new TestAccount(body.getString("account_id"), body.getString("api_key"), body.getString("key_prefix"),
                body.getString("webhook_secret"));
    }
}
