package dev.kiln.gateway;

import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.gateway.rest.ApiFilters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Template videos ({@code POST/GET /v1/videos}, seed 000 "Videos") through the same submit path as every
 * job, with the test playing billing and the orchestrator ({@link FakeBilling}; markers go in a
 * property's text). A template video costs {@value #PRICE} credits ({@code kiln.templates.video-credits},
 * its default).
 */
@QuarkusTest
class TemplateVideosTest extends WithFakeBilling {
    static final int PRICE = 5;
    static final String CLIP = "https://example.com/clip.mp4";
    static final String BGM = "https://example.com/bgm.mp3";

    @Test
    void aVideoRequestCarriesTheTemplateSnapshotTheInputTheAudioAndTheOptions() {
        var account = TestSupport.openAccount("Video maker", 100, "automate"); // video generation: Automate and up
        Map<String, Object> body = seedExample();
        JsonPath job = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/videos")
                .then().statusCode(200)
                .header(ApiFilters.LIMIT, notNullValue())
                .body("uid", matchesPattern("vid_[a-z2-7]{24}"))
                .body("status", equalTo("pending"))
                .body("template", equalTo("story-promo"))
                .body("template_id", equalTo(BuiltinTemplates.get("story-promo").id()))
                .body("input_media_url", equalTo(CLIP))
                .body("audio_url", equalTo(BGM))
                .body("audio_mode", equalTo("replace"))
                .body("width", equalTo(1080)).body("height", equalTo(1920))
                .body("credits", equalTo(PRICE))
                .body("video_url", nullValue()).body("error", nullValue())
                .body("webhook_url", equalTo("https://example.com/hooks/kiln"))
                .extract().jsonPath();
        String uid = job.getString("uid");
        assertThat(job.getList("properties.name")).containsExactly("title", "subtitle", "cta");
        assertThat(job.getString("properties[2].color")).isEqualTo("#00AA00");

        JobRequested request = billing.byJob.get(uid);
        assertThat(request).isNotNull();
        assertThat(request.eventId()).isEqualTo(EventIds.of(uid, "requested"));
        assertThat(request.accountId()).isEqualTo(account.id());
        assertThat(request.priceCredits()).isEqualTo(PRICE);
        assertThat(request.webhookUrl()).isEqualTo("https://example.com/hooks/kiln");
        assertThat(request.spec().kind()).isEqualTo(JobKind.TEMPLATE_VIDEO);
        assertThat(request.spec().model()).isEqualTo("template-video");
        assertThat(request.spec().prompt()).isNull();
        assertThat(request.spec().options())
                .isEqualTo(Map.of("template", "story-promo", "format", "mp4", "audio_mode", "replace"));
        assertThat(request.spec().format()).isEqualTo("video/mp4");
        assertThat(request.spec().width()).isEqualTo(1080);
        assertThat(request.spec().height()).isEqualTo(1920);
        assertThat(request.spec().render().template()).isEqualTo(BuiltinTemplates.get("story-promo"));
        assertThat(request.spec().render().transparent()).as("layers over the video, no background").isTrue();
        assertThat(request.spec().render().inputMediaUrl()).isEqualTo(CLIP);
        assertThat(request.spec().render().audioUrl()).isEqualTo(BGM);
        assertThat(request.spec().render().properties()).containsExactly(
                new PropertyValue("title", "Spring Sale 2026", null, null),
                new PropertyValue("subtitle", "Up to 50% off", null, null),
                new PropertyValue("cta", null, null, "#00AA00"));

        given().header("Authorization", account.bearer()).get("/v1/videos/" + uid)
                .then().statusCode(200).body("uid", equalTo(uid)).body("status", equalTo("pending"))
                .body("template", equalTo("story-promo")).body("input_media_url", equalTo(CLIP))
                .body("audio_url", equalTo(BGM)).body("audio_mode", equalTo("replace"))
                .body("properties[0].text", equalTo("Spring Sale 2026")).body("credits", equalTo(PRICE));

        // by UUID, no properties, no audio, audio mixed: the template's defaults and the input's own sound
        Map<String, Object> minimal = Map.of("template", BuiltinTemplates.get("story-promo").id(),
                "input_media_url", CLIP, "audio_mode", "mix", "unknown_field", "ignored as by /v1/images");
        String mixed = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(minimal)
                .post("/v1/videos")
                .then().statusCode(200).body("template", equalTo("story-promo")).body("audio_url", nullValue())
                .body("audio_mode", equalTo("mix")).body("properties", equalTo(List.of()))
                .extract().path("uid");
        JobRequested second = billing.byJob.get(mixed);
        assertThat(second.spec().options()).containsEntry("audio_mode", "mix");
        assertThat(second.spec().render().audioUrl()).isNull();
        assertThat(second.spec().render().properties()).isEmpty();
    }

    @Test
    void theFreePlanIsRefusedAndSendsNothing() {
        var free = TestSupport.openAccount("Free video maker", 100, "free");
        given().header("Authorization", free.bearer()).contentType(ContentType.JSON).body(seedExample())
                .post("/v1/videos")
                .then().statusCode(403).body("error", equalTo("PlanRestrictedError")).body("status", equalTo(403))
                .body("message", equalTo("Video generation requires the Automate plan or higher; this account is "
                        + "on the Free Trial plan"))
                .header(ApiFilters.LIMIT, notNullValue());
        // reads stay open
        given().header("Authorization", free.bearer()).get("/v1/videos").then().statusCode(200)
                .body("size()", equalTo(0));
        assertThat(billing.requestsOf(free.id())).isEmpty();
    }

    @Test
    void invalidRequestsNameTheFieldOrPropertyAndSendNothing() {
        var account = TestSupport.openAccount("Careless video maker", 100, "automate");
        String required = "'input_media_url' is required (an absolute http or https URL of the video to draw the "
                + "template over)";
        String notHttp = "'input_media_url' must be an absolute http or https URL of at most 2048 characters";
        invalid(account, without("input_media_url"), 400, required);
        invalid(account, with("input_media_url", " "), 400, required);
        invalid(account, with("input_media_url", "ftp://example.com/clip.mp4"), 400, notHttp);
        invalid(account, with("input_media_url", "clip.mp4"), 400, notHttp);
        invalid(account, with("input_media_url", "https://example.com/" + "a".repeat(2030)), 400, notHttp);
        invalid(account, with("input_media_url", "kiln-asset:outputs/" + account.id() + "/vid_x/0.mp4"), 400,
                notHttp + "; 'kiln-asset:' references are not accepted");
        invalid(account, with("audio_url", "file:///etc/passwd"), 400,
                "'audio_url' must be an absolute http or https URL of at most 2048 characters");
        invalid(account, with("audio_url", "kiln-asset:outputs/" + account.id() + "/vid_x/0.mp4"), 400,
                "'audio_url' must be an absolute http or https URL of at most 2048 characters; 'kiln-asset:'");
        invalid(account, with("audio_mode", "loud"), 400, "Invalid audio_mode 'loud'; allowed values: replace, mix");
        invalid(account, with("audio_mode", "REPLACE"), 400, "Invalid audio_mode 'REPLACE'");
        invalid(account, with("properties", List.of(Map.of("name", "headline", "text", "x"))), 400,
                "Unknown property 'headline': template 'story-promo' has no layer of that name; available "
                        + "properties: background, panel, eyebrow, title, subtitle, cta, cta_text, qr");
        invalid(account, with("properties", List.of(Map.of("name", "background", "text", "x"))), 400,
                "Property 'background' is an image property (image layer): give 'image_url', not 'text'");
        invalid(account, with("properties", List.of(Map.of("name", "background",
                        "image_url", "kiln-asset:outputs/" + account.id() + "/img_x/0.png"))), 400,
                "Property 'background': 'image_url' must be an absolute http or https URL of at most 2048 characters; "
                        + "'kiln-asset:'");
        invalid(account, with("webhook_url", "ftp://example.com/hook"), 400,
                "'webhook_url' must be an absolute http or https URL");
        invalid(account, without("template"), 400, "'template' is required (a template slug or UUID)");
        invalid(account, with("template", "no-such-template"), 404, "Template 'no-such-template' not found");
        String unknownId = UUID.randomUUID().toString();
        invalid(account, with("template", unknownId), 404, "Template '" + unknownId + "' not found");
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{\"template\": ")
                .post("/v1/videos").then().statusCode(400).body("error", equalTo("ValidationError"));
        given().contentType(ContentType.JSON).body(seedExample()).post("/v1/videos")
                .then().statusCode(401).body("error", equalTo("AuthenticationError"));
        assertThat(billing.requestsOf(account.id())).isEmpty();
    }

    @Test
    void completedAndFailedVideosReadAsInTheSeedAndAiVideosAreAnotherResource() {
        var account = TestSupport.openAccount("Video poller", 100); // scale: AI videos too
        var stranger = TestSupport.openAccount("Video peeker", 100);
        String done = submit(account, "Spring Sale [succeed]");
        String failed = submit(account, "Broken [fail]");
        String ai = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a red fox running")).post("/v1/ai/videos")
                .then().statusCode(200).body("uid", startsWith("vid_")).extract().path("uid");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/videos/" + done)
                        .then().statusCode(200).body("status", equalTo("completed"))
                        .body("video_url", startsWith("http://assets.test/v1/assets/outputs/" + account.id() + "/"
                                + done + "/0.mp4?expires="))
                        .body("error", nullValue())
                        .body("input_media_url", equalTo(CLIP))
                        .body("properties[0].text", equalTo("Spring Sale [succeed]")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/videos/" + failed)
                        .then().statusCode(200).body("status", equalTo("failed"))
                        .body("error.code", equalTo("generation_failed")).body("video_url", nullValue()));

        // both use vid_ uids, but lists and reads are per kind
        JsonPath list = given().header("Authorization", account.bearer()).get("/v1/videos")
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("uid")).containsExactly(failed, done);
        assertThat(given().header("Authorization", account.bearer()).get("/v1/videos?page=2&limit=1")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(done);
        given().header("Authorization", account.bearer()).get("/v1/videos/" + ai)
                .then().statusCode(404).body("error", equalTo("NotFoundError"))
                .body("message", equalTo("Video '" + ai + "' not found"));
        given().header("Authorization", account.bearer()).get("/v1/ai/videos/" + done)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        assertThat(given().header("Authorization", account.bearer()).get("/v1/ai/videos")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(ai);

        given().header("Authorization", stranger.bearer()).get("/v1/videos/" + done)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        assertThat(given().header("Authorization", stranger.bearer()).get("/v1/videos")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEmpty();
        for (String bad : List.of("page=0", "limit=0", "limit=101", "page=x")) {
            given().header("Authorization", account.bearer()).get("/v1/videos?" + bad)
                    .then().statusCode(400).body("error", equalTo("ValidationError"));
        }
    }

    @Test
    void theSubmitPathIsTheOneOfEveryCreate() {
        var account = TestSupport.openAccount("Video waiter", 100, "automate");
        // Prefer: wait holds the answer until the job ended
        given().header("Authorization", account.bearer()).header("Prefer", "wait=20").contentType(ContentType.JSON)
                .body(body("Waited for [succeed]")).post("/v1/videos")
                .then().statusCode(200).header("Preference-Applied", "wait=20")
                .body("status", equalTo("completed")).body("video_url", startsWith("http://assets.test/"))
                .body("input_media_url", equalTo(CLIP));

        // Idempotency-Key: one job, the answer replayed
        String key = UUID.randomUUID().toString();
        Map<String, Object> once = body("once");
        String first = given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(once).post("/v1/videos")
                .then().statusCode(200).body("status", equalTo("pending")).extract().path("uid");
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(once).post("/v1/videos")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("uid", equalTo(first))
                .body("input_media_url", equalTo(CLIP));
        assertThat(billing.requestsOf(account.id())).extracting(JobRequested::jobId).hasSize(2).contains(first);
        // the same key with another body, or on another endpoint, is another request
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body("twice")).post("/v1/videos")
                .then().statusCode(422).body("error", equalTo("IdempotencyKeyReusedError"));
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("template", "story-promo")).post("/v1/images")
                .then().statusCode(422).body("error", equalTo("IdempotencyKeyReusedError"));

        // billing refuses → 402
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body("too expensive [reject]"))
                .post("/v1/videos")
                .then().statusCode(402).body("error", equalTo("QuotaExceededError"))
                .body("message", equalTo("Not enough credits: this request needs " + PRICE + ", 1 available"));
        assertThat(billing.requestsOf(account.id())).hasSize(3);
    }

    /** The seed's example request (plus a colour property). */
    static Map<String, Object> seedExample() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", "story-promo");
        body.put("input_media_url", CLIP);
        body.put("properties", List.of(Map.of("name", "title", "text", "Spring Sale 2026"),
                Map.of("name", "subtitle", "text", "Up to 50% off"), Map.of("name", "cta", "color", "#0a0")));
        body.put("audio_url", BGM);
        body.put("webhook_url", "https://example.com/hooks/kiln");
        return body;
    }

    private static Map<String, Object> body(String title) {
        return Map.of("template", "story-promo", "input_media_url", CLIP,
                "properties", List.of(Map.of("name", "title", "text", title)));
    }

    private static String submit(TestSupport.TestAccount account, String title) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body(title))
                .post("/v1/videos").then().statusCode(200).body("status", equalTo("pending")).extract().path("uid");
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(seedExample());
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> body = new HashMap<>(seedExample());
        body.remove(field);
        return body;
    }

    private static void invalid(TestSupport.TestAccount account, Map<String, Object> body, int status, String message) {
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body).post("/v1/videos")
                .then().statusCode(status).body("status", equalTo(status))
                .body("error", equalTo(status == 404 ? "NotFoundError" : "ValidationError"))
                .body("message", startsWith(message));
    }
}
