package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** AI video jobs (/v1/ai/videos), with the test playing billing and the orchestrator. */
@QuarkusTest
class SubmitVideoTest extends WithFakeBilling {

    @Test
    void defaultsArePricedSubmittedListedAndSucceed() throws Exception {
        var account = TestSupport.openAccount("Director", 1000);
        String uid = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "A white sneaker rotating 360 degrees"))
                .post("/v1/ai/videos")
                .then().statusCode(200)
                .body("uid", matchesPattern("vid_[a-z2-7]{24}"))
                .body("status", equalTo("pending"))
                .body("model", equalTo("MiniMax-Hailuo-2.3"))
                .body("aspect_ratio", equalTo("16:9")).body("resolution", equalTo("768p"))
                .body("duration", equalTo("6s"))
                .body("width", equalTo(1366)).body("height", equalTo(768))
                .body("credits", equalTo(28))
                .body("video_url", nullValue()).body("error", nullValue())
                .extract().path("uid");
        JobRequested request = billing.byJob.get(uid);
        assertThat(request.spec().kind()).isEqualTo(JobKind.AI_VIDEO);
        assertThat(request.spec().format()).isEqualTo("video/mp4");
        assertThat(request.spec().options()).containsEntry("resolution", "768p").containsEntry("duration", "6s");
        assertThat(request.priceCredits()).isEqualTo(28);

        given().header("Authorization", account.bearer()).get("/v1/ai/videos/" + uid)
                .then().statusCode(200).body("uid", equalTo(uid)).body("resolution", equalTo("768p"));
        assertThat(given().header("Authorization", account.bearer()).get("/v1/ai/videos")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(uid);
        // videos and images are listed and found apart
        assertThat(given().header("Authorization", account.bearer()).get("/v1/ai/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEmpty();
        given().header("Authorization", account.bearer()).get("/v1/ai/images/" + uid)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));

        // the orchestrator reports success: the job shows a signed video_url
        Asset video = new Asset("outputs/" + uid + "/0.mp4", "video/mp4", 123456, 1366, 768);
        TestSupport.send(Topics.JOB_STATUS, uid, new JobStatusChanged(EventIds.of(uid, "succeeded"), Instant.now(), uid,
                account.id(), JobStatus.SUCCEEDED, request.spec(), null, List.of(video), null, null, 28,
                request.occurredAt()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/ai/videos/" + uid)
                        .then().statusCode(200).body("status", equalTo("completed"))
                        .body("video_url", startsWith("http://assets.test/v1/assets/outputs/" + uid + "/0.mp4?")));
    }

    @Test
    void optionsAreCheckedAgainstTheCatalogue() {
        var account = TestSupport.openAccount("Picky", 1000);
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "Barista making latte art", "model", "veo-3.1-fast-generate-preview",
                        "aspect_ratio", "9:16", "resolution", "1080p", "duration", "8s",
                        "webhook_url", "https://example.com/hooks"))
                .post("/v1/ai/videos")
                .then().statusCode(200)
                .body("model", equalTo("veo-3.1-fast-generate-preview")).body("aspect_ratio", equalTo("9:16"))
                .body("width", equalTo(1080)).body("height", equalTo(1920)).body("duration", equalTo("8s"))
                .body("webhook_url", equalTo("https://example.com/hooks"));

        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "p", "resolution", "1080p", "duration", "10s"))
                .post("/v1/ai/videos")
                .then().statusCode(400).body("error", equalTo("ValidationError"))
                .body("message", startsWith("duration '10s' is not available with resolution 1080p for MiniMax-Hailuo-2.3"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "p", "model", "gemini-2.5-flash-image"))
                .post("/v1/ai/videos")
                .then().statusCode(400).body("message", startsWith("model 'gemini-2.5-flash-image' is an ai_image model"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(Map.of("duration", "6s"))
                .post("/v1/ai/videos")
                .then().statusCode(400).body("message", equalTo("'prompt' is required and must not be blank"));
    }

    @Test
    void videosNeedTheScalePlanAndHonourIdempotencyKeys() {
        var automate = TestSupport.openAccount("Templater", 1000, "automate");
        given().header("Authorization", automate.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "p")).post("/v1/ai/videos")
                .then().statusCode(403).body("error", equalTo("PlanRestrictedError"))
                .body("message", equalTo("AI video generation requires the Scale plan or higher; "
                        + "this account is on the Automate plan"));

        var account = TestSupport.openAccount("Once", 1000);
        String key = UUID.randomUUID().toString();
        String uid = given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", "one take")).post("/v1/ai/videos")
                .then().statusCode(200).header("Idempotent-Replayed", nullValue()).extract().path("uid");
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", "one take")).post("/v1/ai/videos")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("uid", equalTo(uid))
                .body("resolution", equalTo("768p"));
        // the same key on another endpoint is another request
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", "one take")).post("/v1/ai/images")
                .then().statusCode(422).body("error", equalTo("IdempotencyKeyReusedError"));
        assertThat(billing.requestsOf(account.id())).hasSize(1);
    }
}
