package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateRender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Signed asset URLs of this platform as job inputs: an account's own outputs travel as stored-asset
 * references ({@code kiln-asset:<object key>}) so the worker reads them from storage even after the URL
 * expired; another account's are refused; the API shows what the caller sent.
 */
@QuarkusTest
class StoredAssetInputsTest extends WithFakeBilling {
    /** The test profile's {@code kiln.assets.base-url} and signing key: URLs "of this platform". */
    private static final String BASE = "http://assets.test";
    private static final AssetUrls URLS = new AssetUrls("test-asset-signing-key-not-secret");

    @Test
    void theAccountsOwnAssetUrlsTravelAsReferencesAndReadAsSent() {
        var account = TestSupport.openAccount("Chainer", 100, "automate");
        // real outputs of the account, with the URLs the API handed out
        JsonPath video = given().header("Authorization", account.bearer()).header("Prefer", "wait=20")
                .contentType(ContentType.JSON)
                .body(Map.of("template", "story-promo", "input_media_url", TemplateVideosTest.CLIP,
                        "properties", List.of(Map.of("name", "title", "text", "part one [succeed]"))))
                .post("/v1/videos").then().statusCode(200).body("status", equalTo("completed")).extract().jsonPath();
        String videoUrl = video.getString("video_url");
        JsonPath image = given().header("Authorization", account.bearer()).header("Prefer", "wait=20")
                .contentType(ContentType.JSON)
                .body(Map.of("template", "product-card", "properties", List.of(Map.of("name", "title", "text", "logo [succeed]"))))
                .post("/v1/images").then().statusCode(200).body("status", equalTo("completed")).extract().jsonPath();
        String imageUrl = image.getString("image_url");
        // an expired URL of the account's asset still names it
        String audioKey = "outputs/" + account.id() + "/vid_olderjob/0.mp4";
        String expiredAudio = URLS.sign(BASE, audioKey, Instant.now().minus(Duration.ofDays(3)));

        JsonPath job = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", "story-promo", "input_media_url", videoUrl, "audio_url", expiredAudio,
                        "properties", List.of(Map.of("name", "background", "image_url", imageUrl))))
                .post("/v1/videos").then().statusCode(200)
                .body("input_media_url", equalTo(videoUrl)).body("audio_url", equalTo(expiredAudio))
                .body("properties[0].image_url", equalTo(imageUrl)).extract().jsonPath();
        String uid = job.getString("uid");
        TemplateRender render = billing.byJob.get(uid).spec().render();
        assertThat(render.inputMediaUrl())
                .isEqualTo("kiln-asset:outputs/" + account.id() + "/" + video.getString("uid") + "/0.mp4");
        assertThat(render.audioUrl()).isEqualTo("kiln-asset:" + audioKey);
        assertThat(render.properties()).containsExactly(new PropertyValue("background", null,
                "kiln-asset:outputs/" + account.id() + "/" + image.getString("uid") + "/0.png", null));
        given().header("Authorization", account.bearer()).get("/v1/videos/" + uid).then().statusCode(200)
                .body("input_media_url", equalTo(videoUrl)).body("audio_url", equalTo(expiredAudio))
                .body("properties[0].image_url", equalTo(imageUrl));
        assertThat(given().header("Authorization", account.bearer()).get("/v1/videos").then().statusCode(200)
                .extract().jsonPath().getString("find { it.uid == '" + uid + "' }.input_media_url")).isEqualTo(videoUrl);

        // template images too
        String rendered = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", "product-card", "properties", List.of(Map.of("name", "background", "image_url", imageUrl))))
                .post("/v1/images").then().statusCode(200).body("properties[0].image_url", equalTo(imageUrl))
                .extract().path("uid");
        assertThat(billing.byJob.get(rendered).spec().render().properties().get(0).imageUrl())
                .isEqualTo("kiln-asset:outputs/" + account.id() + "/" + image.getString("uid") + "/0.png");
        given().header("Authorization", account.bearer()).get("/v1/images/" + rendered).then().statusCode(200)
                .body("properties[0].image_url", equalTo(imageUrl));
    }

    @Test
    void anotherAccountsAssetsAreRefusedAndOtherUrlsPassUnchanged() {
        var account = TestSupport.openAccount("Borrower", 100, "automate");
        var other = TestSupport.openAccount("Lender", 100, "automate");
        String theirs = URLS.sign(BASE, "outputs/" + other.id() + "/vid_theirs/0.mp4", Instant.now().plusSeconds(600));
        String notAnOutput = URLS.sign(BASE, "templates/" + account.id() + "/logo.png", Instant.now().plusSeconds(600));
        refused(account, "/v1/videos", videoWith("input_media_url", theirs),
                "'input_media_url' is not an asset of this account");
        refused(account, "/v1/videos", videoWith("input_media_url", notAnOutput),
                "'input_media_url' is not an asset of this account");
        refused(account, "/v1/videos", videoWith("audio_url", theirs), "'audio_url' is not an asset of this account");
        refused(account, "/v1/videos", videoWith("properties", List.of(Map.of("name", "background", "image_url", theirs))),
                "Property 'background': 'image_url' is not an asset of this account");
        refused(account, "/v1/images", Map.of("template", "product-card",
                        "properties", List.of(Map.of("name", "background", "image_url", theirs))),
                "Property 'background': 'image_url' is not an asset of this account");
        assertThat(billing.requestsOf(account.id())).isEmpty();

        // not signed with this platform's key, or another host: an ordinary URL, passed on as sent
        String forged = new AssetUrls("some-other-signing-key-0123").sign(BASE, "outputs/" + other.id() + "/vid_x/0.mp4",
                Instant.now().plusSeconds(600));
        String elsewhere = URLS.sign("https://cdn.example.com", "outputs/" + other.id() + "/vid_x/0.mp4",
                Instant.now().plusSeconds(600));
        String uid = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", "story-promo", "input_media_url", forged, "audio_url", elsewhere))
                .post("/v1/videos").then().statusCode(200).extract().path("uid");
        assertThat(billing.byJob.get(uid).spec().render().inputMediaUrl()).isEqualTo(forged);
        assertThat(billing.byJob.get(uid).spec().render().audioUrl()).isEqualTo(elsewhere);
    }

    @Test
    @SuppressWarnings("unchecked")
    void imageDefaultsOfTheTemplateFollowTheSameRules() {
        var account = TestSupport.openAccount("Template owner with assets", 100, "automate");
        var other = TestSupport.openAccount("Someone else", 100, "automate");
        String ownKey = "outputs/" + account.id() + "/img_logo/0.png";
        String own = URLS.sign(BASE, ownKey, Instant.now().minus(Duration.ofHours(2)));
        Map<String, Object> template = TemplatesApiTest.template("asset-card");
        ((List<Map<String, Object>>) template.get("layers")).get(0).put("image_url", own);
        String id = createTemplate(account, template);
        String uid = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", "asset-card", "input_media_url", TemplateVideosTest.CLIP))
                .post("/v1/videos").then().statusCode(200).extract().path("uid");
        Layer.Image photo = (Layer.Image) billing.byJob.get(uid).spec().render().template().layers().get(0);
        assertThat(photo.imageUrl()).isEqualTo("kiln-asset:" + ownKey);
        // the stored template is unchanged
        given().header("Authorization", account.bearer()).get("/v1/templates/" + id).then().statusCode(200)
                .body("layers[0].image_url", equalTo(own));

        // another account's asset as a default: refused while it would be drawn
        Map<String, Object> borrowed = TemplatesApiTest.template("borrowed-card");
        String theirs = URLS.sign(BASE, "outputs/" + other.id() + "/img_theirs/0.png", Instant.now().plusSeconds(600));
        ((List<Map<String, Object>>) borrowed.get("layers")).get(0).put("image_url", theirs);
        createTemplate(account, borrowed);
        refused(account, "/v1/images", Map.of("template", "borrowed-card"),
                "Template 'borrowed-card': the default 'image_url' of layer 'photo' is not an asset of this account");
        String replaced = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", "borrowed-card",
                        "properties", List.of(Map.of("name", "photo", "image_url", "https://example.com/mine.png"))))
                .post("/v1/images").then().statusCode(200).extract().path("uid");
        assertThat(billing.byJob.get(replaced).spec().render().properties())
                .containsExactly(new PropertyValue("photo", null, "https://example.com/mine.png", null));
        // a template cannot carry a reference itself
        Map<String, Object> sneaky = TemplatesApiTest.template("sneaky-card");
        ((List<Map<String, Object>>) sneaky.get("layers")).get(0).put("image_url",
                "kiln-asset:outputs/" + other.id() + "/img_theirs/0.png");
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(sneaky)
                .post("/v1/templates").then().statusCode(400).body("error", equalTo("ValidationError"))
                .body("message", startsWith("'layers[0].image_url' must be an absolute http or https URL"));
    }

    @Test
    void aJobKnownOnlyFromStatusEventsShowsItsReferencesAsFreshSignedUrls() throws Exception {
        // the job's row came from the orchestrator's events alone (the submitting replica never recorded what
        // its caller sent): references are shown as signed URLs
        var account = TestSupport.openAccount("Recovered", 100, "automate");
        String uid = "vid_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String inputKey = "outputs/" + account.id() + "/vid_source/0.mp4";
        String imageKey = "outputs/" + account.id() + "/img_source/0.png";
        JobSpec spec = new JobSpec(JobKind.TEMPLATE_VIDEO, "template-video", null,
                Map.of("template", "story-promo", "format", "mp4", "audio_mode", "mix"), 1080, 1920, "video/mp4",
                new TemplateRender(BuiltinTemplates.get("story-promo"),
                        List.of(new PropertyValue("background", null, AssetUrls.reference(imageKey), null)), true,
                        AssetUrls.reference(inputKey), "https://example.com/bgm.mp3"));
        Instant now = Instant.now();
        TestSupport.send(Topics.JOB_STATUS, uid, new JobStatusChanged(EventIds.of(uid, "status:processing"), now, uid,
                account.id(), JobStatus.PROCESSING, spec, null, List.of(), null, null, 5, now));
        JsonPath job = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = given().header("Authorization", account.bearer()).get("/v1/videos/" + uid);
            return answer.statusCode() == 200 ? answer.jsonPath() : null;
        }, found -> found != null);
        assertThat(job.getString("status")).isEqualTo("processing");
        assertThat(job.getString("audio_mode")).isEqualTo("mix");
        assertThat(job.getString("audio_url")).isEqualTo("https://example.com/bgm.mp3");
        assertThat(URLS.objectKeyOf(BASE, job.getString("input_media_url"))).isEqualTo(Optional.of(inputKey));
        assertThat(URLS.objectKeyOf(BASE, job.getString("properties[0].image_url"))).isEqualTo(Optional.of(imageKey));
        assertThat(job.getString("input_media_url")).startsWith(BASE + "/v1/assets/" + inputKey + "?expires=");
    }

    private static Map<String, Object> videoWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Map.of("template", "story-promo",
                "input_media_url", TemplateVideosTest.CLIP));
        body.put(field, value);
        return body;
    }

    private static void refused(TestSupport.TestAccount account, String path, Map<String, Object> body, String message) {
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(400).body("error", equalTo("ValidationError")).body("message", equalTo(message));
    }

    private static String createTemplate(TestSupport.TestAccount account, Map<String, Object> body) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/templates").then().statusCode(201).extract().path("uid");
    }
}
