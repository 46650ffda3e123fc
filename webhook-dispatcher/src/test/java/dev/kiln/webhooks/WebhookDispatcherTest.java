package dev.kiln.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventSerializer;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = KilnInfraResource.class, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class WebhookDispatcherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static KafkaProducer<String, KilnEvent> producer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "kiln.assets.signing-key")
    String signingKey;
    @Inject
    AgroalDataSource dataSource;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void closeReceivers() {
        receivers.forEach(Receiver::close);
    }

    @Test
    void finishedJobIsPostedOnceSignedWithTheAccountSecret() throws Exception {
        Receiver receiver = receiver(Receiver.answering(204));
        String secret = openAccount("acc_ok");
        String jobId = newJobId();
        send(Topics.JOB_STATUS, jobId, succeeded(jobId, "acc_ok", receiver.url()));

        await().atMost(TIMEOUT).until(() -> receiver.count() == 1);
        Receiver.Received post = receiver.received().getFirst();
        Map<String, List<String>> headers = new HashMap<>(post.headers());
        new Webhook(secret).verify(post.body(), headers); // throws if the signature is wrong
        assertThat(post.header("content-type")).isEqualTo("application/json");
        assertThat(post.header("user-agent")).isEqualTo("Kiln-Webhooks/1");
        assertThat(post.header("webhook-id")).startsWith("msg_");

        JsonNode payload = KilnJson.mapper().readTree(post.body());
        assertThat(payload.path("type").asText()).isEqualTo("job.completed");
        assertThat(payload.path("timestamp").asText()).isNotBlank();
        JsonNode data = payload.path("data");
        assertThat(data.path("uid").asText()).isEqualTo(jobId);
        assertThat(data.path("status").asText()).isEqualTo("completed");
        assertThat(data.path("aspect_ratio").asText()).isEqualTo("1:1");
        assertThat(data.path("image_size").asText()).isEqualTo("1K");
        assertThat(data.path("credits").asLong()).isEqualTo(4);
        assertThat(data.has("error")).isFalse();
        URI imageUrl = URI.create(data.path("image_url").asText());
        assertThat(imageUrl.getPath()).startsWith(AssetUrls.PATH_PREFIX);
        String objectKey = URLDecoder.decode(imageUrl.getRawPath().substring(AssetUrls.PATH_PREFIX.length()), StandardCharsets.UTF_8);
        Map<String, String> query = query(imageUrl);
        assertThat(objectKey).isEqualTo("outputs/" + jobId + "/0.png");
        assertThat(new AssetUrls(signingKey).verify(objectKey, query.get("expires"), query.get("signature"), Instant.now()))
                .isEqualTo(AssetUrls.Verdict.VALID);

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> receiver.count() == 1);
        JsonPath deliveries = deliveries(jobId);
        assertThat(deliveries.getList("data")).hasSize(1);
        assertThat(deliveries.getString("data[0].status")).isEqualTo("DELIVERED");
        assertThat(deliveries.getInt("data[0].attempts")).isEqualTo(1);
        assertThat(deliveries.getInt("data[0].last_status_code")).isEqualTo(204);
    }

    @Test
    void failedJobIsPostedWithItsErrorCode() throws Exception {
        Receiver receiver = receiver(Receiver.answering(200));
        String secret = openAccount("acc_fail");
        String jobId = newJobId();
        JobStatusChanged failed = new JobStatusChanged(UUID.randomUUID(), Instant.now(), jobId, "acc_fail",
                JobStatus.FAILED, spec(), receiver.url(), List.of(), "generation_failed", "the model refused",
                4, Instant.now().minusSeconds(5));
        send(Topics.JOB_STATUS, jobId, failed);

        await().atMost(TIMEOUT).until(() -> receiver.count() == 1);
        Receiver.Received post = receiver.received().getFirst();
        new Webhook(secret).verify(post.body(), new HashMap<>(post.headers()));
        JsonNode payload = KilnJson.mapper().readTree(post.body());
        assertThat(payload.path("type").asText()).isEqualTo("job.failed");
        assertThat(payload.path("data").path("status").asText()).isEqualTo("failed");
        assertThat(payload.path("data").path("error").path("code").asText()).isEqualTo("generation_failed");
        assertThat(payload.path("data").path("error").path("message").asText()).isEqualTo("the model refused");
        assertThat(payload.path("data").has("image_url")).isFalse();
    }

    @Test
    void failingReceiverIsRetriedWithTheSameMessageId() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n < 2 ? 500 : 200));
        String secret = openAccount("acc_retry");
        String jobId = newJobId();
        send(Topics.JOB_STATUS, jobId, succeeded(jobId, "acc_retry", receiver.url()));

        await().atMost(TIMEOUT).until(() -> "DELIVERED".equals(deliveries(jobId).getString("data[0].status")));
        JsonPath deliveries = deliveries(jobId);
        assertThat(deliveries.getInt("data[0].attempts")).isEqualTo(3);
        assertThat(deliveries.getList("data[0].attempt_log.status_code", Integer.class)).containsExactly(500, 500, 200);
        List<Receiver.Received> posts = receiver.received();
        assertThat(posts).hasSize(3);
        assertThat(posts).extracting(p -> p.header("webhook-id")).containsOnly(deliveries.getString("data[0].id"));
        for (Receiver.Received post : posts) {
            new Webhook(secret).verify(post.body(), new HashMap<>(post.headers()));
        }
    }

    @Test
    void hangingReceiverDoesNotDelayOtherDeliveries() throws Exception {
        Receiver hanging = receiver(new Receiver(n -> Receiver.HANG));
        Receiver healthy = receiver(Receiver.answering(200));
        openAccount("acc_slow");
        openAccount("acc_fast");
        String slowJob = newJobId();
        send(Topics.JOB_STATUS, slowJob, succeeded(slowJob, "acc_slow", hanging.url()));
        await().atMost(TIMEOUT).until(() -> hanging.count() == 1); // its request is now open

        String fastJob = newJobId();
        Instant sent = Instant.now();
        send(Topics.JOB_STATUS, fastJob, succeeded(fastJob, "acc_fast", healthy.url()));
        // the request timeout in %test is 4s; the healthy delivery must not wait for it
        await().atMost(Duration.ofMillis(2000)).until(() -> healthy.count() == 1);
        assertThat(Duration.between(sent, healthy.received().getFirst().at())).isLessThan(Duration.ofSeconds(2));
        assertThat(deliveries(slowJob).getString("data[0].status")).isEqualTo("PENDING");
    }

    @Test
    void duplicateEventsGiveOneDeliveryAndOnePost() throws Exception {
        Receiver receiver = receiver(Receiver.answering(200));
        openAccount("acc_dup");
        String jobId = newJobId();
        JobStatusChanged event = succeeded(jobId, "acc_dup", receiver.url());
        send(Topics.JOB_STATUS, jobId, event);
        send(Topics.JOB_STATUS, jobId, event);
        // the same fact republished under another event id
        send(Topics.JOB_STATUS, jobId, new JobStatusChanged(UUID.randomUUID(), event.occurredAt(), jobId, "acc_dup",
                JobStatus.SUCCEEDED, event.spec(), event.webhookUrl(), event.outputs(), null, null, 4, event.createdAt()));

        await().atMost(TIMEOUT).until(() -> receiver.count() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.count() == 1);
        assertThat(deliveries(jobId).getList("data")).hasSize(1);
    }

    @Test
    void unfinishedJobsAndJobsWithoutWebhookAreNotPosted() throws Exception {
        Receiver receiver = receiver(Receiver.answering(200));
        openAccount("acc_quiet");
        String jobId = newJobId();
        send(Topics.JOB_STATUS, jobId, new JobStatusChanged(UUID.randomUUID(), Instant.now(), jobId, "acc_quiet",
                JobStatus.PROCESSING, spec(), receiver.url(), List.of(), null, null, 4, Instant.now()));
        String silentJob = newJobId();
        JobStatusChanged noWebhook = succeeded(silentJob, "acc_quiet", null);
        send(Topics.JOB_STATUS, silentJob, noWebhook);
        String ftpJob = newJobId();
        send(Topics.JOB_STATUS, ftpJob, succeeded(ftpJob, "acc_quiet", "ftp://example.com/hook"));
        // a later event of the same job (same partition): once it is delivered, the earlier one was processed
        send(Topics.JOB_STATUS, jobId, succeeded(jobId, "acc_quiet", receiver.url()));

        await().atMost(TIMEOUT).until(() -> receiver.count() == 1);
        JsonPath deliveries = deliveries(jobId);
        assertThat(deliveries.getList("data")).hasSize(1);
        assertThat(deliveries.getString("data[0].event_type")).isEqualTo("job.completed");
        await().atMost(TIMEOUT).until(() -> processed(noWebhook.eventId()));
        assertThat(deliveries(silentJob).getList("data")).isEmpty();
        await().atMost(TIMEOUT).until(() -> !deliveries(ftpJob).getList("data").isEmpty());
        assertThat(deliveries(ftpJob).getString("data[0].status")).isEqualTo("FAILED");
        assertThat(deliveries(ftpJob).getInt("data[0].attempts")).isZero();
        assertThat(receiver.count()).isEqualTo(1);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    /** Opens an account with a fresh secret and waits until the dispatcher stored it. */
    private String openAccount(String prefix) throws Exception {
        byte[] key = new byte[24];
        ThreadLocalRandom.current().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String accountId = prefix;
        send(Topics.ACCOUNTS, accountId, new AccountOpened(UUID.randomUUID(), Instant.now(), null, accountId,
                "Test " + accountId, "pro", 1000, secret));
        await().atMost(TIMEOUT).until(() -> secret.equals(storedSecret(accountId)));
        return secret;
    }

    private static String newJobId() {
        return "img_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static JobSpec spec() {
        return new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "a kiln at dawn",
                Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");
    }

    private static JobStatusChanged succeeded(String jobId, String accountId, String webhookUrl) {
        return new JobStatusChanged(UUID.randomUUID(), Instant.now(), jobId, accountId, JobStatus.SUCCEEDED, spec(),
                webhookUrl, List.of(new Asset("outputs/" + jobId + "/0.png", "image/png", 2048, 1024, 1024)),
                null, null, 4, Instant.now().minusSeconds(5));
    }

    private void send(String topic, String key, KilnEvent event) throws Exception {
        producer().send(new ProducerRecord<>(topic, key, event)).get();
    }

    private synchronized KafkaProducer<String, KilnEvent> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KilnEventSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static JsonPath deliveries(String jobId) {
        return given().queryParam("job_id", jobId)
                .when().get("/webhooks/v1/deliveries")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private String storedSecret(String accountId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret FROM webhooks.account_secrets WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean processed(UUID eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM webhooks.kiln_inbox WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
