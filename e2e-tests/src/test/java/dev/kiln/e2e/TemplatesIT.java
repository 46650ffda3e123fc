package dev.kiln.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.local.LocalStack;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Template images and videos through the whole pipeline, black box over HTTP with the six packaged services on
 * real Kafka, PostgreSQL, Redis and S3: {@code POST /v1/images} with a built-in template and a
 * property → the gateway snapshots the template into the job → billing holds the price →
 * job-orchestrator routes model {@code template-image} to pool {@code local-template-image} →
 * provider-workers renders and stores the PNG → {@code GET /v1/images/{uid}} is {@code completed}
 * with an {@code image_url} that downloads from asset-store → the price is captured. Template
 * videos the same way over a clip the account made first with {@code POST /v1/ai/videos}: its own
 * output URL is accepted as input media and travels as a stored-asset reference; the MP4 is probed
 * (codec, size, duration). Plain HTTP; Kafka only to look at the dispatches a client cannot see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    /** Polls of the job: the render takes well under a second, so this stays inside the key's rate limit. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** Polls of the account API: slow enough to stay inside the key's rate limit (60/min) for a whole wait. */
    private static final Duration ACCOUNT_POLL = Duration.ofSeconds(1);
    private static final String TEMPLATE = "product-card";
    /** The pool job-orchestrator routes template images to. */
    private static final String POOL = "local-template-image";
    /** The pool job-orchestrator routes template videos to. */
    private static final String VIDEO_POOL = "local-template-video";
    private static final String VIDEO_TEMPLATE = "story-promo";
    /** Renders of a few seconds of video. */
    private static final Duration VIDEO_TIMEOUT = Duration.ofSeconds(180);
    /** A text layer of the built-in product card. */
    private static final String TEXT_LAYER = "title";
    private static final long CREDITS = 1000;

    private LocalStack stack;

    @BeforeAll
    void startPlatform() throws IOException {
        Path root = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("kiln-e2e-templates");
        stack = LocalStack.start(LocalStack.Options.forTests(root, state));
    }

    @AfterAll
    void stopPlatform() {
        if (stack != null) {
            stack.close();
        }
    }

    private String newAccount() {
        return newAccount("scale");
    }

    private String newAccount(String plan) {
        JsonNode created = stack.createAccount("e2e templates " + UUID.randomUUID(), plan, CREDITS);
        String apiKey = created.get("api_key").asText();
        stack.awaitQuota(apiKey, Duration.ofSeconds(60));
        return apiKey;
    }

    private static JsonNode json(Response response) throws IOException {
        return JSON.readTree(response.asString());
    }

    @Test
    void productCardRendersToAPngDownloadsAndCapturesItsPrice() throws Exception {
        assertThat(BuiltinTemplates.get(TEMPLATE).layers()).filteredOn(l -> l.name().equals(TEXT_LAYER))
                .singleElement().isInstanceOf(Layer.Text.class);
        String apiKey = newAccount();
        Map<String, Object> body = Map.of("template", TEMPLATE,
                "properties", List.of(Map.of("name", TEXT_LAYER, "text", "Hello")));

        Response created = given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey)
                .contentType("application/json").body(JSON.writeValueAsString(body))
                .post("/v1/images");
        assertThat(created.statusCode()).as("POST /v1/images: %s", created.asString()).isBetween(200, 202);
        JsonNode job = json(created);
        String uid = job.path("uid").asText(null);
        assertThat(uid).as("uid in %s", job).isNotBlank();
        assertThat(job.path("status").asText()).isIn("pending", "processing", "completed");

        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(JOB_TIMEOUT).pollInterval(POLL).until(() -> {
            Response r = given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey).get("/v1/images/{uid}", uid);
            if (r.statusCode() == 404) {
                return false;
            }
            assertThat(r.statusCode()).as("GET /v1/images/%s: %s", uid, r.asString()).isEqualTo(200);
            last.set(json(r));
            assertThat(last.get().path("status").asText()).as("%s", last.get()).isNotEqualTo("failed");
            return "completed".equals(last.get().path("status").asText());
        });
        JsonNode done = last.get();
        assertThat(done.path("uid").asText()).isEqualTo(uid);
        assertThat(done.path("error").isMissingNode() || done.path("error").isNull()).as("%s", done).isTrue();

        String imageUrl = done.path("image_url").asText(null);
        assertThat(imageUrl).as("image_url in %s", done).startsWith(stack.assetStoreUrl());
        Response image = given().get(imageUrl);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        byte[] png = image.asByteArray();
        assertThat(image.header("Content-Length")).isEqualTo(Integer.toString(png.length));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded).as("decodes as PNG").isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(1080);
        assertThat(decoded.getHeight()).isEqualTo(1080);

        // The job went to the template pool with the template snapshot and the request's property.
        List<JobDispatched> dispatches = dispatchesOf(POOL, uid);
        assertThat(dispatches).hasSize(1);
        JobDispatched dispatched = dispatches.get(0);
        assertThat(dispatched.pool()).isEqualTo(POOL);
        assertThat(dispatched.spec().kind()).isEqualTo(JobKind.TEMPLATE_IMAGE);
        assertThat(dispatched.spec().render()).isNotNull();
        assertThat(dispatched.spec().render().template().slug()).isEqualTo(TEMPLATE);
        assertThat(dispatched.spec().render().properties()).extracting(PropertyValue::name, PropertyValue::text)
                .contains(tuple(TEXT_LAYER, "Hello"));

        // The template price is captured: the period's usage is the job's price.
        long price = done.path("credits").asLong(-1);
        assertThat(price).as("the job's price (credits) in %s", done).isPositive();
        await().atMost(JOB_TIMEOUT).pollInterval(ACCOUNT_POLL).untilAsserted(() -> {
            JsonNode account = json(given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey).get("/v1/account"));
            assertThat(account.path("api_usage").asLong()).as("%s", account).isEqualTo(price);
            assertThat(account.path("api_quota").asLong()).as("%s", account).isEqualTo(CREDITS);
            assertThat(account.path("credits_pending").asLong()).as("%s", account).isZero();
        });
    }

    @Test
    void storyPromoOverTheAccountsOwnAiVideoIsAnH264Mp4OfTheCanvasAndCapturesBothPrices() throws Exception {
        String apiKey = newAccount();
        // the input: a 4 s 9:16 clip this account makes first
        Map<String, Object> aiBody = Map.of("prompt", "Cherry blossoms over a city street",
                "model", "veo-3.1-fast-generate-preview", "aspect_ratio", "9:16", "resolution", "720p",
                "duration", "4s");
        JsonNode clip = awaitCompleted(apiKey, "/v1/ai/videos", post(apiKey, "/v1/ai/videos", aiBody), VIDEO_TIMEOUT);
        String clipUrl = clip.path("video_url").asText(null);
        assertThat(clipUrl).as("video_url in %s", clip).startsWith(stack.assetStoreUrl());

        Map<String, Object> body = Map.of("template", VIDEO_TEMPLATE, "input_media_url", clipUrl,
                "properties", List.of(Map.of("name", TEXT_LAYER, "text", "Spring Sale")));
        String uid = post(apiKey, "/v1/videos", body);
        assertThat(uid).startsWith("vid_");
        JsonNode done = awaitCompleted(apiKey, "/v1/videos", uid, VIDEO_TIMEOUT);
        assertThat(done.path("input_media_url").asText()).as("the caller's URL, as sent").isEqualTo(clipUrl);

        String videoUrl = done.path("video_url").asText(null);
        assertThat(videoUrl).as("video_url in %s", done).startsWith(stack.assetStoreUrl());
        Response video = given().get(videoUrl);
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.contentType()).isEqualTo("video/mp4");
        Path mp4 = Files.createTempFile("kiln-e2e-template-video", ".mp4");
        try {
            Files.write(mp4, video.asByteArray());
            Mp4Probe probed = Mp4Probe.of(mp4);
            TemplateDocument.Canvas canvas = BuiltinTemplates.get(VIDEO_TEMPLATE).canvas();
            assertThat(probed.videoCodec()).as("%s", probed).isEqualTo("h264");
            assertThat(probed.width()).as("%s", probed).isEqualTo(canvas.width() & ~1);
            assertThat(probed.height()).as("%s", probed).isEqualTo(canvas.height() & ~1);
            assertThat(probed.durationSeconds()).as("%s", probed).isCloseTo(4.0, within(0.5));
        } finally {
            Files.deleteIfExists(mp4);
        }

        // The job carried the template snapshot, and the clip as a reference to the account's own object.
        List<JobDispatched> dispatches = dispatchesOf(VIDEO_POOL, uid);
        assertThat(dispatches).hasSize(1);
        JobDispatched dispatched = dispatches.get(0);
        assertThat(dispatched.spec().kind()).isEqualTo(JobKind.TEMPLATE_VIDEO);
        assertThat(dispatched.spec().render().template().slug()).isEqualTo(VIDEO_TEMPLATE);
        assertThat(dispatched.spec().render().inputMediaUrl())
                .startsWith(AssetUrls.REFERENCE_SCHEME + "outputs/" + dispatched.accountId() + "/");

        // Both prices are captured, nothing stays held.
        long spent = clip.path("credits").asLong(-1) + done.path("credits").asLong(-1);
        assertThat(done.path("credits").asLong()).isPositive();
        await().atMost(JOB_TIMEOUT).pollInterval(ACCOUNT_POLL).untilAsserted(() -> {
            JsonNode account = json(given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey).get("/v1/account"));
            assertThat(account.path("api_usage").asLong()).as("%s", account).isEqualTo(spent);
            assertThat(account.path("credits_pending").asLong()).as("%s", account).isZero();
        });
    }

    @Test
    void templateVideosNeedTheAutomatePlan() throws Exception {
        String apiKey = newAccount("free");
        Map<String, Object> body = Map.of("template", VIDEO_TEMPLATE, "input_media_url", "https://example.com/clip.mp4");
        Response refused = given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey)
                .contentType("application/json").body(JSON.writeValueAsString(body)).post("/v1/videos");
        assertThat(refused.statusCode()).as("%s", refused.asString()).isEqualTo(403);
        assertThat(json(refused).path("error").asText()).isEqualTo("PlanRestrictedError");
    }

    /** POSTs {@code body} and returns the new job's uid. */
    private String post(String apiKey, String path, Map<String, Object> body) throws IOException {
        Response created = given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey)
                .contentType("application/json").body(JSON.writeValueAsString(body)).post(path);
        assertThat(created.statusCode()).as("POST %s: %s", path, created.asString()).isEqualTo(200);
        String uid = json(created).path("uid").asText(null);
        assertThat(uid).as("uid in %s", created.asString()).isNotBlank();
        return uid;
    }

    /** Polls {@code path/uid} until the job is completed (a failed job fails the test). */
    private JsonNode awaitCompleted(String apiKey, String path, String uid, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Response r = given().baseUri(stack.gatewayUrl()).auth().oauth2(apiKey).get(path + "/{uid}", uid);
            assertThat(r.statusCode()).as("GET %s/%s: %s", path, uid, r.asString()).isEqualTo(200);
            last.set(json(r));
            assertThat(last.get().path("status").asText()).as("%s", last.get()).isNotEqualTo("failed");
            return "completed".equals(last.get().path("status").asText());
        });
        return last.get();
    }

    /** Every dispatch of job {@code uid} on a pool's topic, read from the beginning to the current end. */
    private List<JobDispatched> dispatchesOf(String pool, String uid) {
        List<JobDispatched> found = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infra().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, KilnEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new KilnEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.dispatch(pool)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(Instant.now()).as("read the dispatch topic to its end").isBefore(deadline);
                for (ConsumerRecord<String, KilnEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() instanceof JobDispatched d && uid.equals(d.jobId())) {
                        found.add(d);
                    }
                }
            }
        }
        return found;
    }
}
