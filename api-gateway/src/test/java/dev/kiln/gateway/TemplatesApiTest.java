package dev.kiln.gateway;

import dev.kiln.contracts.template.BuiltinTemplates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Templates: built-ins, an account's own templates, ownership and validation. */
@QuarkusTest
class TemplatesApiTest {
    static final String PRODUCT_CARD = BuiltinTemplates.get("product-card").id();
    static final String STORY_PROMO = BuiltinTemplates.get("story-promo").id();

    @BeforeAll
    static void topics() throws Exception {
        TestSupport.ensureTopics();
    }

    @Test
    void builtInsAreListedForEveryAccountWithTheSeedFields() {
        for (String plan : List.of("free", "scale")) {
            var account = TestSupport.openAccount("Lister " + plan, 0, plan);
            JsonPath list = given().header("Authorization", account.bearer()).get("/v1/templates")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(list.getList("slug")).containsExactly("product-card", "story-promo");
            assertThat(list.getList("id")).containsExactly(PRODUCT_CARD, STORY_PROMO);
            Map<String, Object> card = list.<Map<String, Object>>getList("$").get(0);
            assertThat(card).containsOnlyKeys("id", "name", "slug", "canvas_width", "canvas_height",
                    "background_color", "built_in", "created_at", "updated_at");
            assertThat(card).containsEntry("name", "Product card").containsEntry("canvas_width", 1080)
                    .containsEntry("canvas_height", 1080).containsEntry("background_color", "#F4EFE6")
                    .containsEntry("built_in", true);
            assertThat(Instant.parse((String) card.get("created_at"))).isBefore(Instant.now());
            assertThat(list.getList("canvas_height")).containsExactly(1080, 1920);
        }
    }

    @Test
    void detailDerivesAvailablePropertiesFromTheLayers() {
        var account = TestSupport.openAccount("Reader", 0, "free");
        JsonPath card = given().header("Authorization", account.bearer()).get("/v1/templates/" + PRODUCT_CARD)
                .then().statusCode(200)
                .body("uid", equalTo(PRODUCT_CARD)).body("name", equalTo("Product card"))
                .body("slug", equalTo("product-card")).body("width", equalTo(1080)).body("height", equalTo(1080))
                .body("built_in", equalTo(true))
                .extract().jsonPath();
        assertThat(card.getList("available_properties.name"))
                .containsExactly("card", "background", "badge", "badge_text", "title", "description", "price");
        assertThat(card.getList("available_properties.type"))
                .containsExactly("color", "image", "color", "text", "text", "text", "text");
        assertThat(card.getList("available_properties.layer_type"))
                .containsExactly("shape", "image", "shape", "text", "text", "text", "text");
        assertThat(card.getMap("available_properties[4].default"))
                .isEqualTo(Map.of("text", "Product name", "color", "#1F2328"));
        assertThat(card.getMap("available_properties[1].default")).containsOnlyKeys("image_url")
                .containsEntry("image_url", null);
        assertThat(card.getMap("available_properties[0].default")).isEqualTo(Map.of("color", "#FFFFFF"));
        // the whole document, for a read-modify-write
        assertThat(card.getMap("canvas")).isEqualTo(Map.of("width", 1080, "height", 1080,
                "background_color", "#F4EFE6", "transparent", false));
        assertThat(card.getList("layers.type")).containsExactly("shape", "image", "shape", "text", "text", "text", "text");
        assertThat(card.getInt("layers[4].font_size")).isEqualTo(76);

        JsonPath story = given().header("Authorization", account.bearer()).get("/v1/templates/" + STORY_PROMO)
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> qr = story.getMap("available_properties.find { it.name == 'qr' }");
        assertThat(qr).containsEntry("type", "text").containsEntry("layer_type", "qr_code")
                .containsEntry("default", Map.of("text", "https://example.com", "color", "#101828"));

        // the seed: "Requires a UUID (not slug)"
        given().header("Authorization", account.bearer()).get("/v1/templates/product-card")
                .then().statusCode(404).body("error", equalTo("NotFoundError")).body("status", equalTo(404))
                .body("message", equalTo("Template 'product-card' not found"));
        given().header("Authorization", account.bearer()).get("/v1/templates/" + UUID.randomUUID())
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        given().get("/v1/templates/" + PRODUCT_CARD).then().statusCode(401).body("error", equalTo("AuthenticationError"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAccountCreatesReadsReplacesAndDeletesItsOwnTemplates() {
        var account = TestSupport.openAccount("Designer", 0, "free");
        Map<String, Object> body = template("sale-card");
        ((Map<String, Object>) body.get("canvas")).put("background_color", "#fa0");
        Response created = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/templates");
        created.then().statusCode(201)
                .body("name", equalTo("Sale card")).body("slug", equalTo("sale-card"))
                .body("width", equalTo(1200)).body("height", equalTo(628)).body("built_in", equalTo(false))
                .body("canvas.background_color", equalTo("#FFAA00"));
        String id = created.path("uid");
        assertThat(created.header("Location")).endsWith("/v1/templates/" + id);
        JsonPath doc = created.jsonPath();
        // left-out fields are stored with their defaults
        assertThat(doc.getMap("layers[2]")).containsEntry("font", "Noto Sans").containsEntry("font_size", 32)
                .containsEntry("font_weight", 400).containsEntry("color", "#000000").containsEntry("align", "left")
                .containsEntry("vertical_align", "top").containsEntry("line_height", 1.2f)
                .containsEntry("auto_fit", false).containsEntry("min_font_size", 8).containsEntry("x", 0);
        assertThat(doc.getList("available_properties.name")).containsExactly("photo", "band", "headline", "qr");
        assertThat(doc.getList("available_properties.type")).containsExactly("image", "color", "text", "text");

        given().header("Authorization", account.bearer()).get("/v1/templates/" + id)
                .then().statusCode(200).body("uid", equalTo(id)).body("slug", equalTo("sale-card"))
                .body("created_at", equalTo(doc.getString("created_at")));
        JsonPath list = given().header("Authorization", account.bearer()).get("/v1/templates")
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("slug")).containsExactly("product-card", "story-promo", "sale-card");
        assertThat(list.<Map<String, Object>>getList("$").get(2)).containsEntry("id", id).containsEntry("canvas_width", 1200)
                .containsEntry("background_color", "#FFAA00").containsEntry("built_in", false);

        // a second one: own templates are listed newest first, after the built-ins
        String second = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(template("story-two")).post("/v1/templates").then().statusCode(201).extract().path("uid");
        assertThat(given().header("Authorization", account.bearer()).get("/v1/templates?page=2&limit=2")
                .then().statusCode(200).extract().jsonPath().getList("id")).containsExactly(second, id);

        // replace: everything may change, the slug too
        Map<String, Object> changed = template("sale-card-v2");
        changed.put("name", "Sale card v2");
        ((Map<String, Object>) changed.get("canvas")).put("width", 800);
        ((List<Map<String, Object>>) changed.get("layers")).remove(3);
        JsonPath replaced = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(changed).put("/v1/templates/" + id)
                .then().statusCode(200).body("uid", equalTo(id)).body("slug", equalTo("sale-card-v2"))
                .body("name", equalTo("Sale card v2")).body("width", equalTo(800))
                .body("created_at", equalTo(doc.getString("created_at")))
                .extract().jsonPath();
        assertThat(Instant.parse(replaced.getString("updated_at"))).isAfter(Instant.parse(doc.getString("updated_at")));
        assertThat(replaced.getList("available_properties.name")).containsExactly("photo", "band", "headline");
        // the slug of another own template is taken
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(template("story-two"))
                .put("/v1/templates/" + id)
                .then().statusCode(409).body("error", equalTo("ConflictError"))
                .body("message", equalTo("'slug' 'story-two' is already used by another of your templates"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(template("story-two"))
                .post("/v1/templates")
                .then().statusCode(409).body("error", equalTo("ConflictError"));

        given().header("Authorization", account.bearer()).delete("/v1/templates/" + id).then().statusCode(204);
        given().header("Authorization", account.bearer()).get("/v1/templates/" + id)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        given().header("Authorization", account.bearer()).delete("/v1/templates/" + id)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        assertThat(given().header("Authorization", account.bearer()).get("/v1/templates")
                .then().statusCode(200).extract().jsonPath().getList("slug"))
                .containsExactly("product-card", "story-promo", "story-two");
    }

    @Test
    void anotherAccountsTemplateIsNotFoundAndBuiltInsAreReadOnly() {
        var owner = TestSupport.openAccount("Owner", 0, "automate");
        var stranger = TestSupport.openAccount("Stranger", 0, "automate");
        String id = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(template("private-card")).post("/v1/templates").then().statusCode(201).extract().path("uid");

        given().header("Authorization", stranger.bearer()).get("/v1/templates/" + id)
                .then().statusCode(404).body("error", equalTo("NotFoundError"))
                .body("message", equalTo("Template '" + id + "' not found"));
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(template("mine-now"))
                .put("/v1/templates/" + id).then().statusCode(404).body("error", equalTo("NotFoundError"));
        given().header("Authorization", stranger.bearer()).delete("/v1/templates/" + id)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        assertThat(given().header("Authorization", stranger.bearer()).get("/v1/templates?limit=100")
                .then().statusCode(200).extract().jsonPath().getList("id")).doesNotContain(id)
                .containsExactly(PRODUCT_CARD, STORY_PROMO);
        // slugs are per account: the stranger may use the same one
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(template("private-card"))
                .post("/v1/templates").then().statusCode(201);
        given().header("Authorization", owner.bearer()).get("/v1/templates/" + id)
                .then().statusCode(200).body("slug", equalTo("private-card"));

        // built-ins: visible to all, changed by none
        for (String builtIn : List.of(PRODUCT_CARD, STORY_PROMO)) {
            given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(template("hijack"))
                    .put("/v1/templates/" + builtIn)
                    .then().statusCode(403).body("error", equalTo("ForbiddenError")).body("status", equalTo(403))
                    .body("message", containsString("is a built-in template and cannot be changed or deleted"));
            given().header("Authorization", owner.bearer()).delete("/v1/templates/" + builtIn)
                    .then().statusCode(403).body("error", equalTo("ForbiddenError"));
        }
        given().header("Authorization", owner.bearer()).get("/v1/templates/" + PRODUCT_CARD)
                .then().statusCode(200).body("name", equalTo("Product card"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(template("product-card"))
                .post("/v1/templates")
                .then().statusCode(409).body("error", equalTo("ConflictError"))
                .body("message", equalTo("'slug' 'product-card' is the slug of a built-in template; choose another"));
    }

    @Test
    void aBuiltInsDocumentCanBeCopiedAsIs() {
        var account = TestSupport.openAccount("Copier", 0, "free");
        Map<String, Object> card = given().header("Authorization", account.bearer()).get("/v1/templates/" + PRODUCT_CARD)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        card.put("slug", "my-product-card");
        card.put("name", "My product card");
        JsonPath copy = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(card)
                .post("/v1/templates").then().statusCode(201).extract().jsonPath();
        assertThat(copy.getString("uid")).isNotEqualTo(PRODUCT_CARD);
        assertThat(copy.getList("layers")).isEqualTo(card.get("layers"));
        assertThat(copy.getList("available_properties")).isEqualTo(card.get("available_properties"));
        assertThat(copy.getMap("canvas")).isEqualTo(card.get("canvas"));
    }

    @Test
    void invalidTemplatesNameTheField() {
        var account = TestSupport.openAccount("Validator", 0, "free");
        invalid(account, b -> b.remove("name"), "'name' is required");
        invalid(account, b -> b.put("name", "  "), "'name' must not be blank");
        invalid(account, b -> b.put("slug", "Sale Card"), "'slug' must be lower-case letters and digits");
        invalid(account, b -> b.put("slug", UUID.randomUUID().toString()), "'slug' must not have the form of a UUID");
        invalid(account, b -> b.remove("canvas"), "'canvas' is required");
        invalid(account, b -> canvas(b).put("width", 0), "'canvas.width' must be an integer between 1 and 4096");
        invalid(account, b -> canvas(b).put("height", 4097), "'canvas.height' must be an integer between 1 and 4096");
        invalid(account, b -> canvas(b).remove("height"), "'canvas.height' is required");
        invalid(account, b -> canvas(b).put("background_color", "white"),
                "'canvas.background_color' must be a hex colour #RGB, #RRGGBB or #RRGGBBAA");
        invalid(account, b -> canvas(b).put("background_color", "#12345"), "'canvas.background_color' must be a hex colour");
        invalid(account, b -> canvas(b).put("transparent", "yes"), "'canvas.transparent' must be true or false");
        invalid(account, b -> canvas(b).put("colour", "#fff"), "'canvas.colour' is not a field of the canvas");
        invalid(account, b -> b.put("layers", Map.of("a", 1)), "'layers' must be an array");
        invalid(account, b -> layer(b, 2).put("type", "circle"),
                "'layers[2].type' must be one of text, image, shape, qr_code; got 'circle'");
        invalid(account, b -> layer(b, 2).remove("type"), "'layers[2].type' is required");
        invalid(account, b -> layer(b, 2).put("name", "photo"),
                "'layers[2].name': layer name 'photo' is already used by layers[0]; layer names must be unique");
        invalid(account, b -> layer(b, 2).put("name", "head line"), "'layers[2].name' must be 1 to 64 letters");
        invalid(account, b -> layer(b, 2).put("font_size", 0), "'layers[2].font_size' must be an integer between 1 and 1000");
        invalid(account, b -> layer(b, 2).put("font_size", 12.5), "'layers[2].font_size' must be an integer between 1 and 1000");
        invalid(account, b -> layer(b, 2).put("font_weight", 1000), "'layers[2].font_weight' must be an integer between 100 and 900");
        invalid(account, b -> layer(b, 2).put("min_font_size", 40),
                "'layers[2].min_font_size' must not be larger than font_size (32)");
        invalid(account, b -> layer(b, 2).put("align", "centre"), "'layers[2].align' must be one of left, center, right");
        invalid(account, b -> layer(b, 2).put("vertical_align", "center"),
                "'layers[2].vertical_align' must be one of top, middle, bottom");
        invalid(account, b -> layer(b, 2).put("line_height", 0), "'layers[2].line_height' must be a number between 0.5 and 5");
        invalid(account, b -> layer(b, 2).put("colour", "#fff"),
                "'layers[2].colour' is not a field of a text layer; allowed fields: type, name, x, y, width, height, text");
        invalid(account, b -> layer(b, 2).put("color", "#GG0000"), "'layers[2].color' must be a hex colour");
        invalid(account, b -> layer(b, 2).remove("width"), "'layers[2].width' is required");
        invalid(account, b -> layer(b, 2).put("text", 42), "'layers[2].text' must be a string");
        invalid(account, b -> layer(b, 0).put("fit", "stretch"), "'layers[0].fit' must be one of cover, contain");
        invalid(account, b -> layer(b, 0).put("text", "caption"), "'layers[0].text' is not a field of an image layer");
        invalid(account, b -> layer(b, 0).put("image_url", "ftp://example.com/a.png"),
                "'layers[0].image_url' must be an absolute http or https URL");
        invalid(account, b -> layer(b, 1).put("fill", "blue"), "'layers[1].fill' must be a hex colour");
        invalid(account, b -> layer(b, 1).put("shape", "triangle"), "'layers[1].shape' must be one of rectangle, ellipse");
        invalid(account, b -> layer(b, 1).put("corner_radius", -1), "'layers[1].corner_radius' must be an integer between 0 and 4096");
        invalid(account, b -> layer(b, 3).put("data", "x".repeat(2001)), "'layers[3].data' must be at most 2000 characters");
        invalid(account, b -> layer(b, 3).put("x", 5000), "'layers[3].x' must be an integer between -4096 and 4096");

        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/v1/templates")
                .then().statusCode(400).body("error", equalTo("ValidationError")).body("message", startsWith("Malformed JSON"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("[]")
                .post("/v1/templates")
                .then().statusCode(400).body("message", equalTo("The request body must be a JSON object"));
        // none of them was stored
        assertThat(given().header("Authorization", account.bearer()).get("/v1/templates")
                .then().statusCode(200).extract().jsonPath().getList("slug")).containsExactly("product-card", "story-promo");
    }

    @Test
    void pageAndLimitAreChecked() {
        var account = TestSupport.openAccount("Pager", 0, "free");
        assertThat(given().header("Authorization", account.bearer()).get("/v1/templates?page=2&limit=1")
                .then().statusCode(200).extract().jsonPath().getList("slug")).containsExactly("story-promo");
        assertThat(given().header("Authorization", account.bearer()).get("/v1/templates?page=3&limit=1")
                .then().statusCode(200).extract().jsonPath().getList("slug")).isEmpty();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("page=0", "'page' must be at least 1");
        bad.put("page=-1", "'page' must be at least 1");
        bad.put("limit=0", "'limit' must be between 1 and 100");
        bad.put("limit=101", "'limit' must be between 1 and 100");
        bad.put("page=abc", "'page' must be an integer");
        bad.put("limit=2.5", "'limit' must be an integer");
        bad.forEach((query, message) -> given().header("Authorization", account.bearer()).get("/v1/templates?" + query)
                .then().statusCode(400).body("error", equalTo("ValidationError")).body("status", equalTo(400))
                .body("message", equalTo(message)));
    }

    private static void invalid(TestSupport.TestAccount account, Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> body = template("invalid-card");
        change.accept(body);
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/templates")
                .then().statusCode(400)
                .body("error", equalTo("ValidationError")).body("status", equalTo(400))
                .body("message", startsWith(message));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> canvas(Map<String, Object> body) {
        return (Map<String, Object>) body.get("canvas");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layer(Map<String, Object> body, int index) {
        return ((List<Map<String, Object>>) body.get("layers")).get(index);
    }

    /** A valid template body (mutable): image, shape, text (defaults left out) and QR code layers. */
    static Map<String, Object> template(String slug) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Sale card");
        body.put("slug", slug);
        body.put("canvas", new HashMap<>(Map.of("width", 1200, "height", 628, "background_color", "#FFFFFF")));
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(new HashMap<>(Map.of("type", "image", "name", "photo", "x", 0, "y", 0, "width", 1200,
                "height", 628, "fit", "cover")));
        layers.add(new HashMap<>(Map.of("type", "shape", "name", "band", "x", 0, "y", 460, "width", 1200,
                "height", 168, "fill", "#00000099", "corner_radius", 0)));
        layers.add(new HashMap<>(Map.of("type", "text", "name", "headline", "y", 480, "width", 1000, "height", 120,
                "text", "v1")));
        layers.add(new HashMap<>(Map.of("type", "qr_code", "name", "qr", "x", 1060, "y", 480, "width", 120,
                "height", 120, "data", "https://example.com/sale")));
        body.put("layers", layers);
        return body;
    }
}
