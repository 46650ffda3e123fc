package dev.kiln.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.gateway.domain.ApiExamples;
import dev.kiln.gateway.rest.ApiFilters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * {@code POST /v1/account/calculate-cost}: for every combination the catalogue allows, the quote names
 * the price a create of the same request carries; what a create refuses before billing, a quote
 * refuses with the same answer. The test plays billing (see {@link FakeBilling}).
 */
@QuarkusTest
class CalculateCostTest extends WithFakeBilling {
    private static final String QUOTE = "/v1/account/calculate-cost";
    private static final Set<JobKind> QUOTABLE = Set.of(JobKind.AI_IMAGE, JobKind.AI_VIDEO);
    private static final ModelCatalogue CATALOGUE = ModelCatalogue.load();
    private static TestSupport.TestAccount account;

    @BeforeEach
    void openAccount() {
        if (account == null) {
            account = TestSupport.openAccount("Quoter", 1_000_000);
        }
    }

    /** Every allowed combination of every AI model of the catalogue: (model, its options). */
    static Stream<Arguments> allowedCombinations() {
        List<ModelCatalogue.Combination> all = CATALOGUE.allCombinations().stream()
                .filter(c -> QUOTABLE.contains(c.kind())).toList();
        assertThat(all).extracting(ModelCatalogue.Combination::kind).contains(JobKind.AI_IMAGE, JobKind.AI_VIDEO);
        return all.stream().map(c -> Arguments.of(c.model(), c.options()));
    }

    /**
     * Requests the catalogue rejects, derived from its data: each combination of a model's offered
     * values that its rules exclude, and each value another model of the same kind offers for an
     * option but this model does not.
     */
    static Stream<Arguments> rejectedRequests() {
        List<Arguments> out = new ArrayList<>();
        for (ModelCatalogue.Model model : CATALOGUE.all()) {
            if (!QUOTABLE.contains(model.kind())) {
                continue;
            }
            Set<Map<String, String>> allowed = CATALOGUE.allCombinations(model.id()).stream()
                    .map(ModelCatalogue.Combination::options).collect(Collectors.toSet());
            for (Map<String, String> options : product(model.options())) {
                if (!allowed.contains(options)) {
                    out.add(Arguments.of(model.id(), options));
                }
            }
            for (Map.Entry<String, List<String>> option : model.options().entrySet()) {
                CATALOGUE.models(model.kind()).stream()
                        .flatMap(other -> other.allowed(option.getKey()).stream())
                        .distinct()
                        .filter(value -> !option.getValue().contains(value))
                        .forEach(value -> out.add(Arguments.of(model.id(), Map.of(option.getKey(), value))));
            }
        }
        assertThat(out).as("the catalogue rejects some combination").isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allowedCombinations")
    void aQuoteNamesThePriceACreateOfTheSameRequestCarries(String model, Map<String, String> options) {
        JobKind kind = CATALOGUE.find(model).orElseThrow().kind();
        String key = newKey();
        Map<String, Object> quote = quote(key, kind, model, options).then().statusCode(200)
                .header(ApiFilters.LIMIT, notNullValue())
                .extract().jsonPath().getMap("");

        Map<String, Object> create = new LinkedHashMap<>(options);
        create.put("model", model);
        create.put("prompt", "a quoted " + kind.wire());
        var job = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(create)
                .post(kind == JobKind.AI_IMAGE ? "/v1/ai/images" : "/v1/ai/videos")
                .then().statusCode(200).extract().jsonPath();
        JobRequested requested = billing.byJob.get(job.getString("uid"));

        long price = ((Number) quote.get("credits_needed")).longValue();
        assertThat(price).isEqualTo(job.getLong("credits")).isEqualTo(requested.priceCredits());
        assertThat(quote).containsEntry("type", kind.wire()).containsEntry("model", model)
                .containsEntry("width", requested.spec().width()).containsEntry("height", requested.spec().height());
        options.forEach((name, value) -> assertThat(quote).containsEntry(name, value));
        assertThat(requested.spec().options()).isEqualTo(options);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejectedRequests")
    void aRejectedRequestGetsTheCreatesValidationError(String model, Map<String, String> options) {
        JobKind kind = CATALOGUE.find(model).orElseThrow().kind();
        String key = newKey();
        Map<String, Object> create = new HashMap<>(options);
        create.put("model", model);
        create.put("prompt", "a rejected " + kind.wire());
        String message = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(create)
                .post(kind == JobKind.AI_IMAGE ? "/v1/ai/images" : "/v1/ai/videos")
                .then().statusCode(400).body("error", equalTo("ValidationError")).extract().path("message");
        quote(key, kind, model, options).then().statusCode(400)
                .body("error", equalTo("ValidationError")).body("status", equalTo(400))
                .body("message", equalTo(message));
    }

    @Test
    void defaultsAreFilledInAndTheDocumentedExamplesHold() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String key = newKey();
        for (String[] example : new String[][]{{ApiExamples.QUOTE_REQUEST, ApiExamples.QUOTE},
                {ApiExamples.QUOTE_IMAGE_REQUEST, ApiExamples.QUOTE_IMAGE}}) {
            String answer = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                    .body(example[0]).post(QUOTE).then().statusCode(200).extract().asString();
            assertThat(json.readTree(answer)).isEqualTo(json.readTree(example[1]));
        }
        // nothing but the type: the type's default model with its defaults, as a create without options
        ModelCatalogue.Priced defaults = CATALOGUE.resolve(JobKind.AI_VIDEO, null, null, Map.of());
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("type", "ai_video")).post(QUOTE).then().statusCode(200)
                .body("model", equalTo(defaults.spec().model()))
                .body("credits_needed", equalTo((int) defaults.priceCredits()))
                .body("resolution", equalTo(defaults.spec().options().get("resolution")))
                .body("image_size", equalTo(null));
    }

    @Test
    void quotesCreateAndChargeNothing() {
        var fresh = TestSupport.openAccount("Window shopper", 100);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", fresh.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("type", "ai_image", "prompt", "a red fox")).post(QUOTE).then().statusCode(200);
        }
        // the create's request follows the quotes on the account's partition: billing saw it, and only it
        String uid = given().header("Authorization", fresh.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a red fox")).post("/v1/ai/images").then().statusCode(200).extract().path("uid");
        assertThat(billing.requestsOf(fresh.id())).extracting(JobRequested::jobId).containsExactly(uid);
        assertThat(given().header("Authorization", fresh.bearer()).get("/v1/ai/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(uid);
    }

    @Test
    void planGatesAndKeyAllowlistsRefuseAsTheCreateDoes() {
        for (String plan : List.of("free", "automate")) {
            var small = TestSupport.openAccount("Small " + plan, 100, plan);
            for (JobKind kind : QUOTABLE) {
                String create = given().header("Authorization", small.bearer()).contentType(ContentType.JSON)
                        .body(Map.of("prompt", "p")).post(kind == JobKind.AI_IMAGE ? "/v1/ai/images" : "/v1/ai/videos")
                        .then().statusCode(403).extract().path("message");
                given().header("Authorization", small.bearer()).contentType(ContentType.JSON)
                        .body(Map.of("type", kind.wire())).post(QUOTE)
                        .then().statusCode(403).body("error", equalTo("PlanRestrictedError"))
                        .body("message", equalTo(create)).header(ApiFilters.LIMIT, notNullValue());
            }
        }
        String limited = given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("models", List.of("image-01"))).post("/admin/v1/accounts/" + account.id() + "/keys")
                .then().statusCode(201).extract().path("api_key");
        String create = given().header("Authorization", "Bearer " + limited).contentType(ContentType.JSON)
                .body(Map.of("prompt", "p")).post("/v1/ai/images").then().statusCode(403).extract().path("message");
        given().header("Authorization", "Bearer " + limited).contentType(ContentType.JSON)
                .body(Map.of("type", "ai_image")).post(QUOTE)
                .then().statusCode(403).body("error", equalTo("PlanRestrictedError")).body("message", equalTo(create));
        given().header("Authorization", "Bearer " + limited).contentType(ContentType.JSON)
                .body(Map.of("type", "ai_image", "model", "image-01")).post(QUOTE)
                .then().statusCode(200).body("model", equalTo("image-01"));
    }

    @Test
    void badQuoteRequestsAreRefused() {
        String key = newKey();
        String allowed = "allowed values: ai_image, ai_video, template_image, template_video";
        assertQuote400(key, Map.of("model", "image-01"), "'type' is required; " + allowed);
        assertQuote400(key, Map.of("type", "template"), "Invalid type 'template'; " + allowed);
        assertQuote400(key, Map.of("type", "ai_image", "model", "MiniMax-Hailuo-2.3"),
                "model 'MiniMax-Hailuo-2.3' is an ai_video model, not ai_image; allowed values: "
                        + String.join(", ", CATALOGUE.models(JobKind.AI_IMAGE).stream().map(ModelCatalogue.Model::id).toList()));
        // a prompt is optional, but one that is given is checked as for a create
        assertQuote400(key, Map.of("type", "ai_image", "prompt", "x".repeat(4001)), "'prompt' must be at most 4000 characters");
        assertQuote400(key, Map.of("type", "ai_video", "prompt", " "), "'prompt' is required and must not be blank");
        assertQuote400(key, Map.of("type", "ai_video", "webhook_url", "ftp://example.com/x"),
                "'webhook_url' must be an absolute http or https URL");
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body("{\"type\": ")
                .post(QUOTE).then().statusCode(400).body("error", equalTo("ValidationError"));
        given().contentType(ContentType.JSON).body(Map.of("type", "ai_image")).post(QUOTE)
                .then().statusCode(401).body("error", equalTo("AuthenticationError"));
    }

    @Test
    void templateQuotesNameThePriceOfTheCreate() throws Exception {
        // template images: every plan
        var free = TestSupport.openAccount("Free template quoter", 100, "free");
        Map<String, Object> image = Map.of("template", "product-card",
                "properties", List.of(Map.of("name", "title", "text", "quoted")));
        Map<String, Object> imageQuote = new HashMap<>(image);
        imageQuote.put("type", "template_image");
        var quoted = given().header("Authorization", free.bearer()).contentType(ContentType.JSON).body(imageQuote)
                .post(QUOTE).then().statusCode(200).header(ApiFilters.LIMIT, notNullValue()).extract().jsonPath();
        var created = given().header("Authorization", free.bearer()).contentType(ContentType.JSON).body(image)
                .post("/v1/images").then().statusCode(200).extract().jsonPath();
        assertThat(quoted.getLong("credits_needed")).isEqualTo(created.getLong("credits"))
                .isEqualTo(billing.byJob.get(created.getString("uid")).priceCredits());
        assertThat(quoted.getString("type")).isEqualTo("template_image");
        assertThat(quoted.getString("model")).isEqualTo("template-image");
        assertThat(quoted.getString("template")).isEqualTo("product-card");
        assertThat(quoted.getInt("width")).isEqualTo(created.getInt("width"));
        assertThat(quoted.getInt("height")).isEqualTo(created.getInt("height"));

        // template videos: Automate and up, refused on the free plan with the create's answer
        Map<String, Object> video = TemplateVideosTest.seedExample();
        Map<String, Object> videoQuote = new HashMap<>(video);
        videoQuote.put("type", "template_video");
        String refusal = given().header("Authorization", free.bearer()).contentType(ContentType.JSON).body(video)
                .post("/v1/videos").then().statusCode(403).extract().path("message");
        given().header("Authorization", free.bearer()).contentType(ContentType.JSON).body(videoQuote).post(QUOTE)
                .then().statusCode(403).body("error", equalTo("PlanRestrictedError")).body("message", equalTo(refusal));
        assertThat(billing.requestsOf(free.id())).hasSize(1);

        var automate = TestSupport.openAccount("Video quoter", 100, "automate");
        quoted = given().header("Authorization", automate.bearer()).contentType(ContentType.JSON).body(videoQuote)
                .post(QUOTE).then().statusCode(200).extract().jsonPath();
        created = given().header("Authorization", automate.bearer()).contentType(ContentType.JSON).body(video)
                .post("/v1/videos").then().statusCode(200).extract().jsonPath();
        assertThat(quoted.getLong("credits_needed")).isEqualTo(created.getLong("credits"))
                .isEqualTo(billing.byJob.get(created.getString("uid")).priceCredits());
        assertThat(quoted.getMap("")).containsEntry("type", "template_video").containsEntry("model", "template-video")
                .containsEntry("template", "story-promo").containsEntry("width", 1080).containsEntry("height", 1920)
                .doesNotContainKeys("aspect_ratio", "resolution", "duration", "image_size");
        // input_media_url may be left out of a quote, like a prompt; the documented example holds
        String answer = given().header("Authorization", automate.bearer()).contentType(ContentType.JSON)
                .body(ApiExamples.QUOTE_TEMPLATE_VIDEO_REQUEST).post(QUOTE).then().statusCode(200).extract().asString();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(answer)).isEqualTo(json.readTree(ApiExamples.QUOTE_TEMPLATE_VIDEO));
        given().header("Authorization", automate.bearer()).contentType(ContentType.JSON)
                .body(Map.of("type", "template_video", "template", "story-promo")).post(QUOTE)
                .then().statusCode(200).body("credits_needed", equalTo(created.getInt("credits")));
        assertThat(billing.requestsOf(automate.id())).hasSize(1);
    }

    @Test
    void templateQuotesRefuseWhatTheCreateRefuses() {
        var automate = TestSupport.openAccount("Careful quoter", 100, "automate");
        var other = TestSupport.openAccount("Other quoter", 100, "automate");
        String theirs = new AssetUrls("test-asset-signing-key-not-secret").sign("http://assets.test",
                "outputs/" + other.id() + "/vid_x/0.mp4", Instant.now().plusSeconds(600));
        List<Map<String, Object>> videos = List.of(
                videoWith("template", "no-such-template"),
                videoWith("template", null),
                videoWith("properties", List.of(Map.of("name", "headline", "text", "x"))),
                videoWith("properties", List.of(Map.of("name", "cta", "color", "green"))),
                videoWith("audio_mode", "louder"),
                videoWith("input_media_url", "ftp://example.com/clip.mp4"),
                videoWith("input_media_url", "kiln-asset:outputs/" + automate.id() + "/vid_x/0.mp4"),
                videoWith("input_media_url", theirs),
                videoWith("audio_url", "not a url"),
                videoWith("webhook_url", "ftp://example.com/hook"));
        for (Map<String, Object> body : videos) {
            sameRefusal(automate, "/v1/videos", "template_video", body);
        }
        List<Map<String, Object>> images = List.of(
                Map.of("template", "no-such-template"),
                Map.of("properties", List.of()),
                Map.of("template", "product-card", "properties", List.of(Map.of("name", "title", "image_url", "https://example.com/x.png"))),
                Map.of("template", "product-card", "properties", List.of(Map.of("name", "background", "image_url", theirs))),
                Map.of("template", "product-card", "webhook_url", "mailto:someone@example.com"));
        for (Map<String, Object> body : images) {
            sameRefusal(automate, "/v1/images", "template_image", body);
        }
        assertThat(billing.requestsOf(automate.id())).isEmpty();
    }

    /** A create of {@code body} is refused before billing; a quote of it gets the same status and message. */
    private static void sameRefusal(TestSupport.TestAccount account, String path, String type, Map<String, Object> body) {
        var create = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body).post(path)
                .then().extract();
        assertThat(create.statusCode()).as("%s %s", path, body).isIn(400, 404);
        Map<String, Object> quote = new HashMap<>(body);
        quote.put("type", type);
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(quote).post(QUOTE)
                .then().statusCode(create.statusCode()).body("error", equalTo(create.path("error")))
                .body("message", equalTo(create.path("message")));
    }

    private static Map<String, Object> videoWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(TemplateVideosTest.seedExample());
        body.put(field, value);
        return body;
    }

    private static void assertQuote400(String key, Map<String, Object> body, String message) {
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body).post(QUOTE)
                .then().statusCode(400).body("error", equalTo("ValidationError")).body("message", equalTo(message));
    }

    private static Response quote(String key, JobKind kind, String model, Map<String, String> options) {
        Map<String, Object> body = new LinkedHashMap<>(options);
        body.put("type", kind.wire());
        body.put("model", model);
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body).post(QUOTE);
    }

    /** A new key of the shared account, so every case has its own rate-limit budget. */
    private static String newKey() {
        return given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                .post("/admin/v1/accounts/" + account.id() + "/keys")
                .then().statusCode(201).extract().path("api_key");
    }

    /** Every combination of the offered values, before rules, in option order. */
    private static List<Map<String, String>> product(Map<String, List<String>> options) {
        List<Map<String, String>> partial = List.of(Map.of());
        for (Map.Entry<String, List<String>> option : options.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : partial) {
                for (String value : option.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(p);
                    m.put(option.getKey(), value);
                    next.add(m);
                }
            }
            partial = next;
        }
        return partial;
    }
}
