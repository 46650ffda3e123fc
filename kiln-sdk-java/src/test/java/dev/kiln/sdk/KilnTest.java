package dev.kiln.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.sdk.ScriptedServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KilnTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "kiln_sk_test0123456789abcdefghijklmnopq";
    private static final Duration FAST = Duration.ofMillis(20);

    private ScriptedServer server;
    private Kiln kiln;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        kiln = Kiln.builder().apiKey(KEY).baseUrl(server.baseUrl()).timeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        kiln.close();
        server.close();
    }

    static String image(String uid, String status) {
        String url = "completed".equals(status) || "completed".equals(status)
                ? "\"http://assets.test/v1/assets/outputs/a/" + uid + "/0.png?expires=1&signature=s\"" : "null";
        String error = "failed".equals(status) ? "{\"code\":\"generation_failed\",\"message\":\"boom\"}" : "null";
        return """
                {"uid":"%s","status":"%s","prompt":"A white sneaker","model":"gemini-2.5-flash-image",
                 "aspect_ratio":"16:9","image_size":"1K","width":1344,"height":768,"credits":4,
                 "image_url":%s,"error":%s,"webhook_url":"https://hooks.test/x",
                 "created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:00:05.123Z",
                 "some_future_field":{"nested":[1,2,3]}}""".formatted(uid, status, url, error);
    }

    static String video(String uid, String status) {
        String url = "completed".equals(status) ? "\"http://assets.test/v.mp4\"" : "null";
        return """
                {"uid":"%s","status":"%s","prompt":"A rotating sneaker","model":"MiniMax-Hailuo-2.3",
                 "aspect_ratio":"16:9","resolution":"768p","duration":"6s","width":1366,"height":768,"credits":30,
                 "video_url":%s,"error":null,"webhook_url":null,
                 "created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:00:00Z"}""".formatted(uid, status, url);
    }

    static String templateImage(String uid, String status) {
        String url = "completed".equals(status) ? "\"http://assets.test/v1/assets/outputs/" + uid + "/0.png\"" : "null";
        String error = "failed".equals(status) ? "{\"code\":\"render_failed\",\"message\":\"image not found\"}" : "null";
        return """
                {"uid":"%s","status":"%s","template":"product-card","template_id":"ceec1f50-7613-3d6e-b80d-7bb86abb0bf2",
                 "properties":[{"name":"title","text":"Hello","image_url":null,"color":null}],"transparent":false,
                 "width":1080,"height":1080,"credits":1,"image_url":%s,"error":%s,"webhook_url":null,
                 "created_at":"2026-01-02T03:04:05.123Z","updated_at":"2026-01-02T03:04:05.912Z"}""".formatted(uid, status, url, error);
    }

    static String templateVideo(String uid, String status) {
        String url = "completed".equals(status) ? "\"http://assets.test/v1/assets/outputs/" + uid + "/0.mp4\"" : "null";
        String error = "failed".equals(status) ? "{\"code\":\"invalid_media\",\"message\":\"no video stream\"}" : "null";
        return """
                {"uid":"%s","status":"%s","template":"story-promo","template_id":"0b7c4b0e-8f59-3d2a-9d55-5cf3f1b7d0a1",
                 "properties":[{"name":"title","text":"Spring Sale","image_url":null,"color":null}],
                 "input_media_url":"https://example.com/clip.mp4","audio_url":"https://example.com/bgm.mp3",
                 "audio_mode":"replace","width":1080,"height":1920,"credits":5,"video_url":%s,"error":%s,
                 "webhook_url":null,"created_at":"2026-01-02T03:04:05.123Z","updated_at":"2026-01-02T03:04:05.912Z",
                 "some_future_field":{"x":1}}""".formatted(uid, status, url, error);
    }

    static String error(String name, String message, int status) {
        return "{\"error\":\"%s\",\"message\":\"%s\",\"status\":%d}".formatted(name, message, status);
    }

    // --- client and headers ---------------------------------------------------------------------------------

    @Test
    void authTestSendsTheBearerKeyAndReadsTheMessage() {
        server.on("GET /v1/auth", Reply.json(200, "{\"message\":\"Authenticated\"}"));

        assertThat(kiln.auth().test().message()).isEqualTo("Authenticated");

        var request = server.last();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v1/auth");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).startsWith("kiln-sdk-java");
        assertThat(request.header("Idempotency-Key")).isNull();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void defaultsAndBaseUrlNormalisation() {
        try (Kiln plain = new Kiln(KEY)) {
            assertThat(plain.baseUrl()).isEqualTo("http://localhost:8080/v1");
            assertThat(plain.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(plain.toString()).doesNotContain(KEY);
            assertThat(plain.aiImages().defaultPollInterval()).isEqualTo(Duration.ofMillis(3000));
            assertThat(plain.aiImages().defaultTimeout()).isEqualTo(Duration.ofMillis(300_000));
            assertThat(plain.aiVideos().defaultPollInterval()).isEqualTo(Duration.ofMillis(5000));
            assertThat(plain.aiVideos().defaultTimeout()).isEqualTo(Duration.ofMillis(600_000));
        }
        server.on("GET /v1/auth", Reply.json(200, "{\"message\":\"Authenticated\"}"));
        try (Kiln slash = Kiln.builder().apiKey(KEY).baseUrl(server.baseUrl() + "/").build()) {
            slash.auth().test();
        }
        assertThat(server.last().path()).isEqualTo("/v1/auth");

        assertThatThrownBy(() -> new Kiln(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kiln.builder().apiKey(KEY).baseUrl("localhost:8080").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kiln.builder().apiKey(KEY).timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountMapsSnakeCase() {
        server.on("GET /v1/account", Reply.json(200, """
                {"id":"acc_1","name":"Acme","plan":"scale","api_usage":12,"api_quota":10000,
                 "credits_available":9980,"credits_held":8,"new_field":true}"""));

        assertThat(kiln.account().get())
                .isEqualTo(new Account("acc_1", "Acme", "scale", 12, 10000, 9980, 8));
        assertThat(server.last().path()).isEqualTo("/v1/account");
    }

    @Test
    void webhookDefaultSecret() {
        server.on("GET /v1/webhooks/default/secret", Reply.json(200, "{\"key\":\"whsec_c2VjcmV0\"}"));

        assertThat(kiln.webhooks().defaultSecret()).isEqualTo("whsec_c2VjcmV0");
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    // --- AI images ------------------------------------------------------------------------------------------

    @Test
    void createPostsSnakeCaseJsonWithoutNullsAndReadsTheJob() throws Exception {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_1", "pending")));

        AiImage created = kiln.aiImages().create(AiImageParams.builder()
                .prompt("A white sneaker").model("gemini-2.5-flash-image").aspectRatio("16:9").imageSize("1K")
                .webhookUrl("https://hooks.test/x").build());

        var request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/ai/images");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Idempotency-Key")).isNull();
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"prompt":"A white sneaker","model":"gemini-2.5-flash-image","aspect_ratio":"16:9",
                 "image_size":"1K","webhook_url":"https://hooks.test/x"}"""));

        assertThat(created).isEqualTo(new AiImage("img_1", "pending", "A white sneaker", "gemini-2.5-flash-image",
                "16:9", "1K", 1344, 768, 4, null, null, "https://hooks.test/x",
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:05.123Z")));
        assertThat(created.isTerminal()).isFalse();
    }

    @Test
    void createOmitsUnsetFields() throws Exception {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_1", "pending")));

        kiln.aiImages().create(AiImageParams.builder().prompt("only a prompt").build());

        JsonNode body = JSON.readTree(server.last().body());
        assertThat(body).isEqualTo(JSON.readTree("{\"prompt\":\"only a prompt\"}"));
    }

    @Test
    void createSendsTheIdempotencyKey() {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_1", "pending")));

        kiln.aiImages().create(AiImageParams.builder().prompt("p").build(), RequestOptions.idempotencyKey("order-42"));

        assertThat(server.last().header("Idempotency-Key")).isEqualTo("order-42");
        assertThatThrownBy(() -> RequestOptions.idempotencyKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getReadsAFailedJobWithItsErrorAndEncodesTheUid() {
        server.on("GET /v1/ai/images/img_2", Reply.json(200, image("img_2", "failed")));

        AiImage failed = kiln.aiImages().get("img_2");

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.isTerminal()).isTrue();
        assertThat(failed.error()).isEqualTo(new JobError("generation_failed", "boom"));
        assertThat(failed.imageUrl()).isNull();

        server.on("GET /v1/ai/images/a%2Fb%20c", Reply.json(200, image("a/b c", "pending")));
        assertThat(kiln.aiImages().get("a/b c").uid()).isEqualTo("a/b c");
        assertThat(server.last().path()).isEqualTo("/v1/ai/images/a%2Fb%20c");
        assertThatThrownBy(() -> kiln.aiImages().get("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listSendsPageAndLimitAndReadsTheBareArray() {
        server.on("GET /v1/ai/images", Reply.json(200,
                "[" + image("img_3", "completed") + "," + image("img_2", "pending") + "]"));

        List<AiImage> images = kiln.aiImages().list(ListParams.page(2).limit(10));

        assertThat(images).extracting(AiImage::uid).containsExactly("img_3", "img_2");
        assertThat(images.get(0).imageUrl()).startsWith("http://assets.test/");
        assertThat(server.last().query()).isEqualTo("page=2&limit=10");

        kiln.aiImages().list();
        assertThat(server.last().query()).isNull();
        kiln.aiImages().list(ListParams.page(3));
        assertThat(server.last().query()).isEqualTo("page=3");
        kiln.aiImages().list(ListParams.of(1, 100));
        assertThat(server.last().query()).isEqualTo("page=1&limit=100");
    }

    @Test
    void listOfNoJobsIsEmpty() {
        server.on("GET /v1/ai/images", Reply.json(200, "[]"));
        assertThat(kiln.aiImages().list()).isEmpty();
    }

    // --- createAndWait ----------------------------------------------------------------------------------------

    @Test
    void createAndWaitPollsUntilSucceeded() {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_w", "pending")));
        server.on("GET /v1/ai/images/img_w", Reply.json(200, image("img_w", "pending")),
                Reply.json(200, image("img_w", "processing")), Reply.json(200, image("img_w", "completed")));

        AiImage done = kiln.aiImages().createAndWait(AiImageParams.builder().prompt("p").build(), FAST,
                Duration.ofSeconds(5), RequestOptions.idempotencyKey("k-1"));

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.isCompleted()).isTrue();
        assertThat(done.imageUrl()).isNotBlank();
        assertThat(server.requests("POST", "/v1/ai/images")).hasSize(1)
                .first().satisfies(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("k-1"));
        List<ScriptedServer.Recorded> polls = server.requests("GET", "/v1/ai/images/img_w");
        assertThat(polls).hasSize(3);
        assertThat(polls).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(r.header("Idempotency-Key")).isNull();
        });
    }

    @Test
    void createAndWaitReturnsAFailedJob() {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_f", "pending")));
        server.on("GET /v1/ai/images/img_f", Reply.json(200, image("img_f", "failed")));

        AiImage failed = kiln.aiImages().createAndWait(AiImageParams.builder().prompt("kiln:fail").build(), FAST,
                Duration.ofSeconds(5));

        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.error().code()).isEqualTo("generation_failed");
    }

    @Test
    void completedIsTerminalForForwardCompatibility() {
        server.on("GET /v1/ai/images/img_c", Reply.json(200, image("img_c", "processing")),
                Reply.json(200, image("img_c", "completed")));

        AiImage done = kiln.aiImages().waitFor("img_c", FAST, Duration.ofSeconds(5));

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.isCompleted()).isTrue();
    }

    @Test
    void createAndWaitReturnsAtOnceWhenTheCreatedJobIsAlreadyTerminal() {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_t", "completed")));

        kiln.aiImages().createAndWait(AiImageParams.builder().prompt("p").build(), FAST, Duration.ofSeconds(5));

        assertThat(server.requests("GET", "/v1/ai/images/img_t")).isEmpty();
    }

    @Test
    void createAndWaitTimesOutWithTheLastStatus() {
        server.on("POST /v1/ai/images", Reply.json(200, image("img_slow", "pending")));
        server.on("GET /v1/ai/images/img_slow", Reply.json(200, image("img_slow", "processing")));

        long started = System.nanoTime();
        KilnTimeoutException e = catchThrowableOfType(KilnTimeoutException.class, () -> kiln.aiImages()
                .createAndWait(AiImageParams.builder().prompt("p").build(), Duration.ofMillis(50), Duration.ofMillis(400)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e).isNotNull();
        assertThat(e.uid()).isEqualTo("img_slow");
        assertThat(e.lastStatus()).isEqualTo("processing");
        assertThat(e.status()).isZero();
        assertThat(e).isInstanceOf(KilnException.class);
        assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
        assertThat(server.requests("GET", "/v1/ai/images/img_slow").size()).isBetween(1, 9);
    }

    @Test
    void waitingOutlastsServiceUnavailableAndRateLimitAnswers() {
        server.on("GET /v1/ai/images/img_r",
                Reply.json(200, image("img_r", "pending")),
                Reply.json(503, error("ServiceUnavailableError", "busy", 503)),
                Reply.json(429, error("RateLimitError", "slow down", 429)).withHeader("Retry-After", "0"),
                Reply.json(200, image("img_r", "completed")));

        AiImage done = kiln.aiImages().waitFor("img_r", FAST, Duration.ofSeconds(5));

        assertThat(done.isCompleted()).isTrue();
        assertThat(server.requests("GET", "/v1/ai/images/img_r")).hasSize(4);
    }

    @Test
    void waitingStopsAtOtherErrors() {
        server.on("GET /v1/ai/images/img_gone", Reply.json(200, image("img_gone", "pending")),
                Reply.json(401, error("AuthenticationError", "Invalid or missing API key", 401)));

        assertThatThrownBy(() -> kiln.aiImages().waitFor("img_gone", FAST, Duration.ofSeconds(5)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> kiln.aiImages().waitFor("img_none", FAST, Duration.ofSeconds(5)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void createAndWaitRejectsNonPositiveDurations() {
        var params = AiImageParams.builder().prompt("p").build();
        assertThatThrownBy(() -> kiln.aiImages().createAndWait(params, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kiln.aiImages().createAndWait(params, FAST, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    // --- AI videos --------------------------------------------------------------------------------------------

    @Test
    void videosUseTheirOwnPathsAndFields() throws Exception {
        server.on("POST /v1/ai/videos", Reply.json(200, video("vid_1", "pending")));
        server.on("GET /v1/ai/videos/vid_1", Reply.json(200, video("vid_1", "processing")),
                Reply.json(200, video("vid_1", "completed")));
        server.on("GET /v1/ai/videos", Reply.json(200, "[" + video("vid_1", "completed") + "]"));

        AiVideo done = kiln.aiVideos().createAndWait(AiVideoParams.builder().prompt("A rotating sneaker")
                .model("MiniMax-Hailuo-2.3").aspectRatio("16:9").resolution("768p").duration("6s").build(),
                FAST, Duration.ofSeconds(5));

        assertThat(JSON.readTree(server.requests("POST", "/v1/ai/videos").get(0).body())).isEqualTo(JSON.readTree("""
                {"prompt":"A rotating sneaker","model":"MiniMax-Hailuo-2.3","aspect_ratio":"16:9",
                 "resolution":"768p","duration":"6s"}"""));
        assertThat(done.uid()).isEqualTo("vid_1");
        assertThat(done.videoUrl()).isEqualTo("http://assets.test/v.mp4");
        assertThat(done.resolution()).isEqualTo("768p");
        assertThat(done.duration()).isEqualTo("6s");
        assertThat(done.credits()).isEqualTo(30);
        assertThat(kiln.aiVideos().list(ListParams.page(1).limit(5))).extracting(AiVideo::uid).containsExactly("vid_1");
        assertThat(server.last().query()).isEqualTo("page=1&limit=5");
    }

    // --- templates ---------------------------------------------------------------------------------------------

    @Test
    void templatesListReadsTheBareArrayAndSendsPageAndLimit() {
        server.on("GET /v1/templates", Reply.json(200, """
                [{"id":"ceec1f50-7613-3d6e-b80d-7bb86abb0bf2","name":"Product card","slug":"product-card",
                  "canvas_width":1080,"canvas_height":1080,"background_color":"#F4EFE6","built_in":true,
                  "created_at":"2026-01-02T03:04:05.123456Z","updated_at":"2026-01-02T03:04:05.123456Z"},
                 {"id":"413636d4-29d5-3111-bab3-5df5d92064a9","name":"Story promo","slug":"story-promo",
                  "canvas_width":1080,"canvas_height":1920,"background_color":"#101828","built_in":true,
                  "created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-03T03:04:05Z"}]"""));

        List<TemplateSummary> templates = kiln.templates().list(ListParams.page(2).limit(10));

        assertThat(templates).containsExactly(
                new TemplateSummary("ceec1f50-7613-3d6e-b80d-7bb86abb0bf2", "Product card", "product-card", 1080, 1080,
                        "#F4EFE6", Instant.parse("2026-01-02T03:04:05.123456Z"),
                        Instant.parse("2026-01-02T03:04:05.123456Z")),
                new TemplateSummary("413636d4-29d5-3111-bab3-5df5d92064a9", "Story promo", "story-promo", 1080, 1920,
                        "#101828", Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-03T03:04:05Z")));
        assertThat(server.last().path()).isEqualTo("/v1/templates");
        assertThat(server.last().query()).isEqualTo("page=2&limit=10");
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer " + KEY);

        kiln.templates().list();
        assertThat(server.last().query()).isNull();
    }

    @Test
    void templateGetReadsAvailablePropertiesWithTheirDefaults() {
        server.on("GET /v1/templates/product-card", Reply.json(200, """
                {"uid":"ceec1f50-7613-3d6e-b80d-7bb86abb0bf2","name":"Product card","slug":"product-card",
                 "width":1080,"height":1080,"available_properties":[
                  {"name":"card","type":"color","layer_type":"shape","default":{"color":"#FFFFFF"}},
                  {"name":"photo","type":"image","layer_type":"image","default":{"image_url":null}},
                  {"name":"title","type":"text","layer_type":"text","default":{"text":"Product name","color":"#1F2328"}}],
                 "canvas":{"width":1080,"height":1080,"background_color":"#F4EFE6","transparent":false},
                 "layers":[{"type":"shape","name":"card","x":40,"y":40,"width":1000,"height":1000}],
                 "built_in":true,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}"""));

        Template template = kiln.templates().get("product-card");

        assertThat(server.last().path()).isEqualTo("/v1/templates/product-card");
        assertThat(template.uid()).isEqualTo("ceec1f50-7613-3d6e-b80d-7bb86abb0bf2");
        assertThat(template.name()).isEqualTo("Product card");
        assertThat(template.slug()).isEqualTo("product-card");
        assertThat(template.width()).isEqualTo(1080);
        assertThat(template.height()).isEqualTo(1080);
        assertThat(template.availableProperties()).extracting(TemplateProperty::name, TemplateProperty::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("card", "color"),
                        org.assertj.core.groups.Tuple.tuple("photo", "image"),
                        org.assertj.core.groups.Tuple.tuple("title", "text"));
        assertThat(template.availableProperties().get(0).defaultValue()).containsExactly(
                java.util.Map.entry("color", "#FFFFFF"));
        assertThat(template.availableProperties().get(1).defaultValue()).containsKey("image_url")
                .containsEntry("image_url", null);
        assertThat(template.availableProperties().get(2).defaultValue())
                .containsEntry("text", "Product name").containsEntry("color", "#1F2328");
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        server.on("GET /v1/templates/summer-sale",
                Reply.json(404, error("NotFoundError", "Template 'summer-sale' not found", 404)));

        assertThatThrownBy(() -> kiln.templates().get("summer-sale")).isInstanceOf(NotFoundException.class)
                .hasMessage("Template 'summer-sale' not found");
        assertThatThrownBy(() -> kiln.templates().get(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- template videos --------------------------------------------------------------------------------------

    @Test
    void templateVideoCreatePostsTheSeedsFieldsAndReadsThePendingJob() throws Exception {
        server.on("POST /v1/videos", Reply.json(200, templateVideo("vid_t1", "pending")));

        TemplateVideo created = kiln.videos().create(TemplateVideoParams.builder()
                .template("story-promo")
                .inputMediaUrl("https://example.com/clip.mp4")
                .property(Property.text("title", "Spring Sale 2026"))
                .property(Property.text("subtitle", "Up to 50% off"))
                .audioUrl("https://example.com/bgm.mp3")
                .audioMode("mix")
                .webhookUrl("https://example.com/hooks/kiln")
                .build());

        var request = server.last();
        assertThat(request.path()).isEqualTo("/v1/videos");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"template":"story-promo","input_media_url":"https://example.com/clip.mp4","properties":[
                  {"name":"title","text":"Spring Sale 2026"},{"name":"subtitle","text":"Up to 50% off"}],
                 "audio_url":"https://example.com/bgm.mp3","audio_mode":"mix",
                 "webhook_url":"https://example.com/hooks/kiln"}"""));
        assertThat(created).isEqualTo(new TemplateVideo("vid_t1", "pending", "story-promo",
                "https://example.com/clip.mp4", "https://example.com/bgm.mp3", "replace", 1080, 1920, 5, null, null,
                null, Instant.parse("2026-01-02T03:04:05.123Z"), Instant.parse("2026-01-02T03:04:05.912Z")));
        assertThatThrownBy(() -> TemplateVideoParams.builder().template("story-promo").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input media");
    }

    @Test
    void templateVideoCreateAndWaitUsesTheSeedsDefaultsAndReturnsTheVideoUrl() {
        server.on("POST /v1/videos", Reply.json(200, templateVideo("vid_tw", "pending")));
        server.on("GET /v1/videos/vid_tw", Reply.json(200, templateVideo("vid_tw", "processing")),
                Reply.json(200, templateVideo("vid_tw", "completed")));

        TemplateVideo done = kiln.videos().createAndWait(TemplateVideoParams.builder().template("story-promo")
                .inputMediaUrl("https://example.com/clip.mp4").property(Property.text("title", "Spring Sale")).build(),
                FAST, Duration.ofSeconds(5));

        assertThat(done.isCompleted()).isTrue();
        assertThat(done.videoUrl()).isEqualTo("http://assets.test/v1/assets/outputs/vid_tw/0.mp4");
        assertThat(server.requests("GET", "/v1/videos/vid_tw")).hasSize(2);
        assertThat(kiln.videos().defaultPollInterval()).isEqualTo(Duration.ofMillis(5000));
        assertThat(kiln.videos().defaultTimeout()).isEqualTo(Duration.ofMillis(600_000));
    }

    @Test
    void templateVideoListGetAndPlanRestriction() {
        server.on("GET /v1/videos", Reply.json(200,
                "[" + templateVideo("vid_b", "failed") + "," + templateVideo("vid_a", "pending") + "]"));
        server.on("GET /v1/videos/vid_b", Reply.json(200, templateVideo("vid_b", "failed")));
        server.on("POST /v1/videos", Reply.json(403, error("PlanRestrictedError",
                "Video generation is not available on the Free Trial plan", 403)));

        assertThat(kiln.videos().list(ListParams.of(2, 10))).extracting(TemplateVideo::uid)
                .containsExactly("vid_b", "vid_a");
        assertThat(server.last().query()).isEqualTo("page=2&limit=10");
        TemplateVideo failed = kiln.videos().get("vid_b");
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.error()).isEqualTo(new JobError("invalid_media", "no video stream"));
        assertThatThrownBy(() -> kiln.videos().create(TemplateVideoParams.builder().template("story-promo")
                .inputMediaUrl("https://example.com/clip.mp4").build()))
                .isInstanceOf(PlanRestrictedException.class);
    }

    // --- template images --------------------------------------------------------------------------------------

    @Test
    void templateImageCreatePostsThePropertiesArrayWithoutNullsAndReadsThePendingJob() throws Exception {
        server.on("POST /v1/images", Reply.json(200, templateImage("img_t1", "pending")));

        TemplateImage created = kiln.images().create(TemplateImageParams.builder()
                .template("product-card")
                .property(Property.text("title", "My Awesome Product!"))
                .property(Property.image("photo", "https://example.com/bg.jpg"))
                .property(Property.text("price", "$29.99", "#FF6B6B"))
                .property(Property.color("badge", "#E4572E"))
                .transparent(false)
                .webhookUrl("https://example.com/hooks/kiln")
                .build());

        var request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/images");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"template":"product-card","properties":[
                  {"name":"title","text":"My Awesome Product!"},
                  {"name":"photo","image_url":"https://example.com/bg.jpg"},
                  {"name":"price","text":"$29.99","color":"#FF6B6B"},
                  {"name":"badge","color":"#E4572E"}],
                 "transparent":false,"webhook_url":"https://example.com/hooks/kiln"}"""));

        assertThat(created).isEqualTo(new TemplateImage("img_t1", "pending", "product-card", 1080, 1080, 1, null, null,
                null, Instant.parse("2026-01-02T03:04:05.123Z"), Instant.parse("2026-01-02T03:04:05.912Z")));
        assertThat(created.isTerminal()).isFalse();
    }

    @Test
    void templateImageCreateSendsOnlyTheTemplateWhenNothingElseIsSet() throws Exception {
        server.on("POST /v1/images", Reply.json(200, templateImage("img_t2", "pending")));

        kiln.images().create(TemplateImageParams.builder().template("product-card").build());

        assertThat(JSON.readTree(server.last().body())).isEqualTo(JSON.readTree("{\"template\":\"product-card\"}"));
        assertThatThrownBy(() -> TemplateImageParams.builder().property(Property.text("title", "x")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templateImageCreateAndWaitPollsUntilCompleted() {
        server.on("POST /v1/images", Reply.json(200, templateImage("img_tw", "pending")));
        server.on("GET /v1/images/img_tw", Reply.json(200, templateImage("img_tw", "processing")),
                Reply.json(200, templateImage("img_tw", "completed")));

        TemplateImage done = kiln.images().createAndWait(TemplateImageParams.builder().template("product-card")
                .property(Property.text("title", "Hello")).build(), FAST, Duration.ofSeconds(5));

        assertThat(done.isCompleted()).isTrue();
        assertThat(done.imageUrl()).isEqualTo("http://assets.test/v1/assets/outputs/img_tw/0.png");
        assertThat(server.requests("POST", "/v1/images")).hasSize(1);
        assertThat(server.requests("GET", "/v1/images/img_tw")).hasSize(2);
        assertThat(kiln.images().defaultPollInterval()).isEqualTo(Duration.ofMillis(3000));
        assertThat(kiln.images().defaultTimeout()).isEqualTo(Duration.ofMillis(300_000));
    }

    @Test
    void templateImageCreateAndWaitReturnsAFailedJob() {
        server.on("POST /v1/images", Reply.json(200, templateImage("img_tf", "pending")));
        server.on("GET /v1/images/img_tf", Reply.json(200, templateImage("img_tf", "failed")));

        TemplateImage failed = kiln.images().createAndWait(TemplateImageParams.builder().template("product-card")
                .property(Property.image("photo", "https://example.com/missing.jpg")).build(), FAST, Duration.ofSeconds(5));

        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.imageUrl()).isNull();
        assertThat(failed.error()).isEqualTo(new JobError("render_failed", "image not found"));
    }

    @Test
    void templateImageListAndGet() {
        server.on("GET /v1/images", Reply.json(200,
                "[" + templateImage("img_b", "completed") + "," + templateImage("img_a", "pending") + "]"));
        server.on("GET /v1/images/img_b", Reply.json(200, templateImage("img_b", "completed")));

        assertThat(kiln.images().list(ListParams.of(1, 50))).extracting(TemplateImage::uid)
                .containsExactly("img_b", "img_a");
        assertThat(server.last().query()).isEqualTo("page=1&limit=50");
        assertThat(kiln.images().get("img_b").template()).isEqualTo("product-card");
        assertThat(server.last().path()).isEqualTo("/v1/images/img_b");
    }

    @Test
    void templateImageErrors() {
        server.on("GET /v1/images/img_none", Reply.json(404, error("NotFoundError", "Image not found", 404)));
        server.on("POST /v1/images", Reply.json(400, error("ValidationError",
                "Unknown property 'background': template 'product-card' has no such layer", 400)));

        assertThatThrownBy(() -> kiln.images().get("img_none")).isInstanceOf(NotFoundException.class);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> kiln.images().create(
                TemplateImageParams.builder().template("product-card")
                        .property(Property.color("background", "#000000")).build()));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("Unknown property 'background'");
        assertThat(server.requests("GET", "/v1/images/img_none")).hasSize(1);
    }

    // --- errors -----------------------------------------------------------------------------------------------

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(400, "ValidationError", ValidationException.class),
                Arguments.of(413, "PayloadTooLargeError", ValidationException.class),
                Arguments.of(422, "ValidationError", ValidationException.class),
                Arguments.of(422, "IdempotencyKeyReusedError", IdempotencyKeyReusedException.class),
                Arguments.of(401, "AuthenticationError", AuthenticationException.class),
                Arguments.of(402, "QuotaExceededError", QuotaExceededException.class),
                Arguments.of(403, "PlanRestrictedError", PlanRestrictedException.class),
                Arguments.of(404, "NotFoundError", NotFoundException.class),
                Arguments.of(409, "ConflictError", ConflictException.class),
                Arguments.of(429, "RateLimitError", RateLimitException.class),
                Arguments.of(503, "ServiceUnavailableError", ServiceUnavailableException.class),
                Arguments.of(500, "InternalError", KilnException.class));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("errors")
    void errorAnswersBecomeTypedExceptions(int status, String name, Class<? extends KilnException> type) {
        String body = error(name, "message for " + status, status);
        server.on("POST /v1/ai/images", Reply.json(status, body));

        KilnException e = catchThrowableOfType(KilnException.class,
                () -> kiln.aiImages().create(AiImageParams.builder().prompt("p").build()));

        assertThat(e).isNotNull();
        assertThat(e.getClass()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorType()).isEqualTo(name);
        assertThat(e.getMessage()).isEqualTo("message for " + status);
        assertThat(e.rawBody()).isEqualTo(body);
        assertThat(e.header("content-type")).contains("application/json");
    }

    @Test
    void everyCallMapsErrors() {
        String unauthorized = error("AuthenticationError", "Invalid or missing API key", 401);
        for (String route : List.of("GET /v1/auth", "GET /v1/account", "GET /v1/webhooks/default/secret",
                "GET /v1/ai/images", "GET /v1/ai/images/x", "GET /v1/ai/videos", "POST /v1/ai/videos",
                "GET /v1/templates", "GET /v1/templates/t", "GET /v1/images", "GET /v1/images/x", "POST /v1/images")) {
            server.on(route, Reply.json(401, unauthorized));
        }
        List<Callable<?>> calls = List.of(() -> kiln.auth().test(), () -> kiln.account().get(),
                () -> kiln.webhooks().defaultSecret(), () -> kiln.aiImages().list(), () -> kiln.aiImages().get("x"),
                () -> kiln.aiVideos().list(), () -> kiln.aiVideos().create(AiVideoParams.builder().prompt("p").build()),
                () -> kiln.templates().list(), () -> kiln.templates().get("t"), () -> kiln.images().list(),
                () -> kiln.images().get("x"),
                () -> kiln.images().create(TemplateImageParams.builder().template("product-card").build()));
        for (Callable<?> call : calls) {
            assertThatThrownBy(call::call).isInstanceOf(AuthenticationException.class)
                    .hasMessage("Invalid or missing API key");
        }
    }

    @Test
    void rateLimitExposesRetryAfterAndRateLimitHeaders() {
        server.on("GET /v1/ai/images", Reply.json(429, error("RateLimitError", "Too many requests", 429))
                .withHeader("Retry-After", "7").withHeader("X-RateLimit-Limit", "60")
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1767225600"));

        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> kiln.aiImages().list());

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.limit()).hasValue(60);
        assertThat(e.remaining()).hasValue(0);
        assertThat(e.reset()).contains(Instant.ofEpochSecond(1767225600));
    }

    @Test
    void retryAfterAlsoReadsHttpDatesAndIgnoresGarbage() {
        assertThat(KilnException.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(KilnException.parseRetryAfter("soon")).isEmpty();
        server.on("GET /v1/account", Reply.json(429, error("RateLimitError", "Too many requests", 429)));
        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> kiln.account().get());
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.limit()).isEmpty();
        assertThat(e.reset()).isEmpty();
    }

    @Test
    void aNonJsonErrorKeepsStatusAndRawBody() {
        server.on("GET /v1/account", new Reply(502, "<html>Bad Gateway</html>", java.util.Map.of("Content-Type", "text/html"),
                Duration.ZERO));

        KilnException e = catchThrowableOfType(KilnException.class, () -> kiln.account().get());

        assertThat(e.getClass()).isEqualTo(KilnException.class);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.errorType()).isNull();
        assertThat(e.getMessage()).isEqualTo("HTTP 502: <html>Bad Gateway</html>");
        assertThat(e.rawBody()).isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void anUnreadableSuccessAnswerIsAKilnException() {
        server.on("GET /v1/account", Reply.json(200, "not json"));

        KilnException e = catchThrowableOfType(KilnException.class, () -> kiln.account().get());

        assertThat(e.status()).isEqualTo(200);
        assertThat(e.rawBody()).isEqualTo("not json");
    }

    @Test
    void noAnswerWithinTheTimeoutIsAKilnTimeoutException() {
        server.on("GET /v1/account", Reply.json(200, "{}").delayed(Duration.ofSeconds(3)));
        try (Kiln impatient = Kiln.builder().apiKey(KEY).baseUrl(server.baseUrl()).timeout(Duration.ofMillis(200)).build()) {
            KilnTimeoutException e = catchThrowableOfType(KilnTimeoutException.class, () -> impatient.account().get());
            assertThat(e).isNotNull();
            assertThat(e.uid()).isNull();
            assertThat(e.status()).isZero();
        }
    }

    @Test
    void anUnreachableServerIsAKilnConnectionException() {
        String base = server.baseUrl();
        server.close();
        try (Kiln orphan = Kiln.builder().apiKey(KEY).baseUrl(base).timeout(Duration.ofSeconds(2)).build()) {
            KilnConnectionException e = catchThrowableOfType(KilnConnectionException.class, () -> orphan.auth().test());
            assertThat(e).isNotNull();
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains(base);
        }
    }

    // --- thread safety --------------------------------------------------------------------------------------

    @Test
    void oneClientServesManyThreads() throws Exception {
        server.on("GET /v1/ai/images/img_p", Reply.json(200, image("img_p", "completed")));
        server.on("GET /v1/account", Reply.json(200, """
                {"id":"acc_1","name":"Acme","plan":"scale","api_usage":0,"api_quota":1,"credits_available":1,"credits_held":0}"""));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(i % 2 == 0 ? () -> kiln.aiImages().get("img_p").uid() : () -> kiln.account().get().id()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "img_p" : "acc_1");
            }
        }
        assertThat(server.requests()).hasSize(40);
    }
}
