package dev.kiln.gateway;

import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;

import java.time.Duration;
import java.util.ArrayList;
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
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Template images ({@code POST/GET /v1/images}) through the same submit path as AI images, with the
 * test playing billing and the orchestrator ({@link FakeBilling}; markers go in a property's text).
 * The test profile prices a template image at 2 credits ({@code kiln.templates.image-credits}).
 */
@QuarkusTest
class TemplateImagesTest extends WithFakeBilling {
    private static final int PRICE = 2;

    @Inject
    DataSource dataSource;

    @Test
    void aRenderRequestCarriesTheTemplateSnapshotAndTheCheckedProperties() {
        var account = TestSupport.openAccount("Renderer", 100, "free"); // image generation: every plan
        Map<String, Object> body = new HashMap<>();
        body.put("template", "product-card");
        body.put("properties", List.of(
                Map.of("name", "title", "text", "My Awesome Product!"),
                Map.of("name", "background", "image_url", "https://example.com/bg.jpg"),
                Map.of("name", "price", "text", "$29.99", "color", "#ff6b6b"),
                Map.of("name", "badge", "color", "#0a0")));
        body.put("webhook_url", "https://example.com/hooks/kiln");
        JsonPath job = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/images")
                .then().statusCode(200)
                .body("uid", matchesPattern("img_[a-z2-7]{24}"))
                .body("status", equalTo("pending"))
                .body("template", equalTo("product-card"))
                .body("template_id", equalTo(BuiltinTemplates.get("product-card").id()))
                .body("transparent", equalTo(false))
                .body("width", equalTo(1080)).body("height", equalTo(1080))
                .body("credits", equalTo(PRICE))
                .body("image_url", nullValue()).body("error", nullValue())
                .body("webhook_url", equalTo("https://example.com/hooks/kiln"))
                .extract().jsonPath();
        String uid = job.getString("uid");
        assertThat(job.getList("properties.name")).containsExactly("title", "background", "price", "badge");
        assertThat(job.getString("properties[2].color")).isEqualTo("#FF6B6B");

        JobRequested request = billing.byJob.get(uid);
        assertThat(request).isNotNull();
        assertThat(request.eventId()).isEqualTo(EventIds.of(uid, "requested"));
        assertThat(request.accountId()).isEqualTo(account.id());
        assertThat(request.priceCredits()).isEqualTo(PRICE);
        assertThat(request.webhookUrl()).isEqualTo("https://example.com/hooks/kiln");
        assertThat(request.spec().kind()).isEqualTo(JobKind.TEMPLATE_IMAGE);
        assertThat(request.spec().model()).isEqualTo("template-image");
        assertThat(request.spec().prompt()).isNull();
        assertThat(request.spec().options()).isEqualTo(Map.of("template", "product-card", "format", "png"));
        assertThat(request.spec().format()).isEqualTo("image/png");
        assertThat(request.spec().width()).isEqualTo(1080);
        assertThat(request.spec().height()).isEqualTo(1080);
        // the snapshot is the whole template, as it was at submit
        assertThat(request.spec().render().template()).isEqualTo(BuiltinTemplates.get("product-card"));
        assertThat(request.spec().render().transparent()).isFalse();
        assertThat(request.spec().render().inputMediaUrl()).isNull();
        assertThat(request.spec().render().properties()).containsExactly(
                new PropertyValue("title", "My Awesome Product!", null, null),
                new PropertyValue("background", null, "https://example.com/bg.jpg", null),
                new PropertyValue("price", "$29.99", null, "#FF6B6B"),
                new PropertyValue("badge", null, null, "#00AA00"));

        given().header("Authorization", account.bearer()).get("/v1/images/" + uid)
                .then().statusCode(200).body("uid", equalTo(uid)).body("status", equalTo("pending"))
                .body("template", equalTo("product-card")).body("properties[0].text", equalTo("My Awesome Product!"))
                .body("credits", equalTo(PRICE));

        // by UUID, transparent, no properties: the template's defaults
        String byId = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", BuiltinTemplates.get("story-promo").id(), "transparent", true))
                .post("/v1/images")
                .then().statusCode(200).body("template", equalTo("story-promo")).body("transparent", equalTo(true))
                .body("width", equalTo(1080)).body("height", equalTo(1920)).body("properties", equalTo(List.of()))
                .extract().path("uid");
        assertThat(billing.byJob.get(byId).spec().render().transparent()).isTrue();
        assertThat(billing.byJob.get(byId).spec().render().properties()).isEmpty();
    }

    @Test
    void completedAndFailedRendersReadAsInTheSeedAndListsHoldOnlyTemplateImages() {
        var account = TestSupport.openAccount("Poller", 100);
        var stranger = TestSupport.openAccount("Peeker", 100);
        String done = submit(account, "product-card", List.of(Map.of("name", "title", "text", "Hello World [succeed]")));
        String failed = submit(account, "product-card", List.of(Map.of("name", "title", "text", "Broken [fail]")));
        String ai = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a red fox")).post("/v1/ai/images").then().statusCode(200).extract().path("uid");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/images/" + done)
                        .then().statusCode(200).body("status", equalTo("completed"))
                        .body("image_url", startsWith("http://assets.test/v1/assets/outputs/" + account.id() + "/" + done
                                + "/0.png?"))
                        .body("error", nullValue())
                        .body("template", equalTo("product-card"))
                        .body("properties[0].text", equalTo("Hello World [succeed]")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/images/" + failed)
                        .then().statusCode(200).body("status", equalTo("failed"))
                        .body("error.code", equalTo("generation_failed")).body("image_url", nullValue()));

        // lists and reads are per kind: AI images are not template images, and the other way round
        JsonPath list = given().header("Authorization", account.bearer()).get("/v1/images")
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("uid")).containsExactly(failed, done);
        assertThat(list.getList("status")).containsExactly("failed", "completed");
        assertThat(given().header("Authorization", account.bearer()).get("/v1/images?page=2&limit=1")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(done);
        given().header("Authorization", account.bearer()).get("/v1/images/" + ai)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        given().header("Authorization", account.bearer()).get("/v1/ai/images/" + done)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        assertThat(given().header("Authorization", account.bearer()).get("/v1/ai/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(ai);

        // another account never sees them
        given().header("Authorization", stranger.bearer()).get("/v1/images/" + done)
                .then().statusCode(404).body("error", equalTo("NotFoundError"))
                .body("message", equalTo("Image '" + done + "' not found"));
        assertThat(given().header("Authorization", stranger.bearer()).get("/v1/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEmpty();

        for (String bad : List.of("page=0", "limit=0", "limit=101", "page=x")) {
            given().header("Authorization", account.bearer()).get("/v1/images?" + bad)
                    .then().statusCode(400).body("error", equalTo("ValidationError"));
        }
    }

    @Test
    void theSubmitPathIsTheAiImagesOne() {
        var account = TestSupport.openAccount("Waiter", 100);
        Map<String, Object> body = Map.of("template", "product-card",
                "properties", List.of(Map.of("name", "title", "text", "Waited for [succeed]")));
        // Prefer: wait holds the answer until the job ended
        given().header("Authorization", account.bearer()).header("Prefer", "wait=20").contentType(ContentType.JSON)
                .body(body).post("/v1/images")
                .then().statusCode(200).header("Preference-Applied", "wait=20")
                .body("status", equalTo("completed")).body("image_url", startsWith("http://assets.test/"));

        // Idempotency-Key: one job, the answer replayed
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/v1/images")
                .then().statusCode(200).extract().path("uid");
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/v1/images")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("uid", equalTo(first));
        assertThat(billing.requestsOf(account.id())).hasSize(2);
        // the same key on another endpoint is another request
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", "p")).post("/v1/ai/images")
                .then().statusCode(422).body("error", equalTo("IdempotencyKeyReusedError"));

        // billing refuses → 402
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", "product-card",
                        "properties", List.of(Map.of("name", "title", "text", "too expensive [reject]"))))
                .post("/v1/images")
                .then().statusCode(402).body("error", equalTo("QuotaExceededError"))
                .body("message", equalTo("Not enough credits: this request needs " + PRICE + ", 1 available"));

        // the key's credit cap counts template images; a model allowlist (AI models) does not refuse them
        String capped = issueKey(account.id(), Map.of("models", List.of("image-01"), "credit_limit", PRICE + 1));
        given().header("Authorization", "Bearer " + capped).contentType(ContentType.JSON).body(body)
                .post("/v1/images").then().statusCode(200).body("credits", equalTo(PRICE));
        given().header("Authorization", "Bearer " + capped).contentType(ContentType.JSON).body(body)
                .post("/v1/images")
                .then().statusCode(402).body("error", equalTo("QuotaExceededError"))
                .body("message", startsWith("API key credit limit reached: this request needs " + PRICE + " credits"));
    }

    @Test
    void invalidRequestsNameThePropertyAndSendNothing() {
        var account = TestSupport.openAccount("Careless", 100, "free");
        invalid(account, Map.of("properties", List.of()), 400, "'template' is required (a template slug or UUID)");
        invalid(account, Map.of("template", " "), 400, "'template' is required (a template slug or UUID)");
        invalid(account, render(Map.of("name", "backdrop", "image_url", "https://example.com/bg.jpg")), 400,
                "Unknown property 'backdrop': template 'product-card' has no layer of that name; available "
                        + "properties: card, background, badge, badge_text, title, description, price");
        invalid(account, render(Map.of("name", "background", "text", "a photo")), 400,
                "Property 'background' is an image property (image layer): give 'image_url', not 'text'");
        invalid(account, render(Map.of("name", "title", "image_url", "https://example.com/a.png")), 400,
                "Property 'title' is a text property (text layer): give 'text' and optionally 'color', not 'image_url'");
        invalid(account, render(Map.of("name", "card", "text", "red")), 400,
                "Property 'card' is a color property (shape layer): give 'color', not 'text'");
        invalid(account, render(Map.of("name", "card")), 400,
                "Property 'card' has no value: give 'color' for this shape layer");
        invalid(account, render(Map.of("name", "price", "text", "$1", "color", "red")), 400,
                "Property 'price': 'color' must be a hex colour #RGB, #RRGGBB or #RRGGBBAA; got 'red'");
        invalid(account, render(Map.of("name", "badge", "color", "#12345")), 400,
                "Property 'badge': 'color' must be a hex colour #RGB, #RRGGBB or #RRGGBBAA; got '#12345'");
        invalid(account, render(Map.of("name", "background", "image_url", "file:///etc/passwd")), 400,
                "Property 'background': 'image_url' must be an absolute http or https URL of at most 2048 characters");
        invalid(account, render(Map.of("name", "background", "image_url", "not a url")), 400,
                "Property 'background': 'image_url' must be an absolute http or https URL of at most 2048 characters");
        invalid(account, render(Map.of("name", "title", "text", "a"), Map.of("name", "title", "text", "b")), 400,
                "Property 'title' is given more than once");
        invalid(account, render(Map.of("text", "nameless")), 400, "'properties[0].name' is required");
        Map<String, Object> badHook = new HashMap<>(render(Map.of("name", "title", "text", "x")));
        badHook.put("webhook_url", "ftp://example.com/hook");
        invalid(account, badHook, 400, "'webhook_url' must be an absolute http or https URL");
        invalid(account, Map.of("template", "no-such-template"), 404, "Template 'no-such-template' not found");
        String unknownId = UUID.randomUUID().toString();
        invalid(account, Map.of("template", unknownId), 404, "Template '" + unknownId + "' not found");
        given().contentType(ContentType.JSON).body(Map.of("template", "product-card")).post("/v1/images")
                .then().statusCode(401).body("error", equalTo("AuthenticationError"));
        assertThat(billing.requestsOf(account.id())).isEmpty();
    }

    @Test
    void anotherAccountsTemplateCannotBeRendered() {
        var owner = TestSupport.openAccount("Template owner", 100, "automate");
        var stranger = TestSupport.openAccount("Template thief", 100, "automate");
        String id = createTemplate(owner, TemplatesApiTest.template("owners-card"));
        submit(owner, "owners-card", List.of(Map.of("name", "headline", "text", "mine")));
        submit(owner, id, List.of());
        for (String ref : List.of(id, "owners-card")) {
            given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("template", ref)).post("/v1/images")
                    .then().statusCode(404).body("error", equalTo("NotFoundError"))
                    .body("message", equalTo("Template '" + ref + "' not found"));
        }
        assertThat(billing.requestsOf(stranger.id())).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void changingTheTemplateAfterSubmitDoesNotChangeTheSubmittedJob() {
        var account = TestSupport.openAccount("Editor", 100);
        Map<String, Object> template = TemplatesApiTest.template("editable-card");
        String id = createTemplate(account, template);
        String before = submit(account, "editable-card", List.of(Map.of("name", "band", "color", "#FF0000")));

        // the template changes: another size, another default text, a layer less
        ((Map<String, Object>) template.get("canvas")).put("width", 640);
        ((List<Map<String, Object>>) template.get("layers")).get(2).put("text", "v2");
        ((List<Map<String, Object>>) template.get("layers")).remove(3);
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(template)
                .put("/v1/templates/" + id).then().statusCode(200).body("width", equalTo(640));
        String after = submit(account, "editable-card", List.of(Map.of("name", "band", "color", "#FF0000")));

        TemplateDocument first = billing.byJob.get(before).spec().render().template();
        TemplateDocument second = billing.byJob.get(after).spec().render().template();
        assertThat(first.id()).isEqualTo(id).isEqualTo(second.id());
        assertThat(first.canvas().width()).isEqualTo(1200);
        assertThat(first.layers()).hasSize(4);
        assertThat(((Layer.Text) first.layers().get(2)).text()).isEqualTo("v1");
        assertThat(second.canvas().width()).isEqualTo(640);
        assertThat(second.layers()).hasSize(3);
        assertThat(((Layer.Text) second.layers().get(2)).text()).isEqualTo("v2");
        // the first job reads as it was submitted, also after the template is gone
        given().header("Authorization", account.bearer()).delete("/v1/templates/" + id).then().statusCode(204);
        given().header("Authorization", account.bearer()).get("/v1/images/" + before)
                .then().statusCode(200).body("width", equalTo(1200)).body("template", equalTo("editable-card"))
                .body("template_id", equalTo(id));
        // …but new renders of it are not found
        invalid(account, Map.of("template", "editable-card"), 404, "Template 'editable-card' not found");
    }

    @Test
    void aSlugNamesTheAccountsOwnTemplateBeforeABuiltIn() throws Exception {
        // an own template whose slug a built-in shipped later also has (new own templates cannot take a
        // built-in's slug, so the row is renamed directly): the account's renders keep using its own
        var account = TestSupport.openAccount("Early adopter", 100);
        var other = TestSupport.openAccount("Newcomer", 100);
        String id = createTemplate(account, TemplatesApiTest.template("early-promo"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE gateway.templates SET slug = 'story-promo' WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        String own = submit(account, "story-promo", List.of(Map.of("name", "qr", "text", "https://example.com/x")));
        assertThat(billing.byJob.get(own).spec().render().template().id()).isEqualTo(id);
        assertThat(billing.byJob.get(own).spec().render().template().slug()).isEqualTo("story-promo");
        assertThat(billing.byJob.get(own).spec().width()).isEqualTo(1200);
        assertThat(billing.byJob.get(own).spec().render().properties())
                .containsExactly(new PropertyValue("qr", "https://example.com/x", null, null));
        String builtIn = submit(other, "story-promo", List.of(Map.of("name", "qr", "text", "https://example.com/x")));
        assertThat(billing.byJob.get(builtIn).spec().render().template()).isEqualTo(BuiltinTemplates.get("story-promo"));
    }

    private static String submit(TestSupport.TestAccount account, String template, List<Map<String, Object>> properties) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("template", template, "properties", properties)).post("/v1/images")
                .then().statusCode(200).body("status", equalTo("pending")).extract().path("uid");
    }

    private static String createTemplate(TestSupport.TestAccount account, Map<String, Object> body) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/templates").then().statusCode(201).extract().path("uid");
    }

    @SafeVarargs
    private static Map<String, Object> render(Map<String, Object>... properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", "product-card");
        body.put("properties", new ArrayList<>(List.of(properties)));
        return body;
    }

    private static void invalid(TestSupport.TestAccount account, Map<String, Object> body, int status, String message) {
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body).post("/v1/images")
                .then().statusCode(status).body("status", equalTo(status))
                .body("error", equalTo(status == 404 ? "NotFoundError" : "ValidationError"))
                .body("message", startsWith(message));
    }

    private static String issueKey(String accountId, Map<String, Object> limits) {
        return given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(limits).post("/admin/v1/accounts/" + accountId + "/keys")
                .then().statusCode(201).extract().path("api_key");
    }
}
