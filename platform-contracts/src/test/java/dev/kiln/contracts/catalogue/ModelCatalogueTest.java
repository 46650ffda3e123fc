package dev.kiln.contracts.catalogue;

import dev.kiln.contracts.catalogue.ModelCatalogue.InvalidOptionException;
import dev.kiln.contracts.catalogue.ModelCatalogue.Priced;
import dev.kiln.contracts.events.JobKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalogue against seed 000's "AI Images" and "AI Videos" tables, written out here
 * independently of {@code kiln/models.json}: every allowed combination resolves to the right size
 * and a price, every other value that appears in the tables is rejected with the right field.
 */
class ModelCatalogueTest {
    static final ModelCatalogue CATALOGUE = ModelCatalogue.load();

    // ---- seed 000, AI Images -------------------------------------------------------------------
    static final List<String> COMMON_10 = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
    static final List<String> ALL_14 = concat(COMMON_10, List.of("1:4", "4:1", "1:8", "8:1"));

    record ImageModel(String id, List<String> sizes, List<String> ratios, String pool) {
    }

    static final List<ImageModel> IMAGE_MODELS = List.of(
            new ImageModel("gemini-2.5-flash-image", List.of("1K"), COMMON_10, "local-gemini-image"),
            new ImageModel("gemini-3.1-flash-image-preview", List.of("512", "1K", "2K", "4K"), ALL_14, "local-gemini-image"),
            new ImageModel("gemini-3-pro-image-preview", List.of("1K", "2K", "4K"), COMMON_10, "local-gemini-image"),
            new ImageModel("image-01", List.of("HD"), List.of("1:1", "16:9", "4:3", "3:2", "2:3", "3:4", "9:16", "21:9"),
                    "local-minimax-image"));
    static final List<String> ALL_SIZES = List.of("512", "1K", "2K", "4K", "HD");

    static final Map<String, int[]> GEMINI_25_1K = Map.ofEntries(
            Map.entry("1:1", new int[]{1024, 1024}), Map.entry("2:3", new int[]{832, 1248}),
            Map.entry("3:2", new int[]{1248, 832}), Map.entry("3:4", new int[]{864, 1184}),
            Map.entry("4:3", new int[]{1184, 864}), Map.entry("4:5", new int[]{896, 1152}),
            Map.entry("5:4", new int[]{1152, 896}), Map.entry("9:16", new int[]{768, 1344}),
            Map.entry("16:9", new int[]{1344, 768}), Map.entry("21:9", new int[]{1536, 672}));
    /** Gemini 3 Pro Image at 1K (2K = ×2, 4K = ×4); the last four are Kiln's derivation for Nano Banana 2. */
    static final Map<String, int[]> GEMINI_3_1K = Map.ofEntries(
            Map.entry("1:1", new int[]{1024, 1024}), Map.entry("2:3", new int[]{848, 1264}),
            Map.entry("3:2", new int[]{1264, 848}), Map.entry("3:4", new int[]{896, 1200}),
            Map.entry("4:3", new int[]{1200, 896}), Map.entry("4:5", new int[]{928, 1152}),
            Map.entry("5:4", new int[]{1152, 928}), Map.entry("9:16", new int[]{768, 1376}),
            Map.entry("16:9", new int[]{1376, 768}), Map.entry("21:9", new int[]{1584, 672}),
            Map.entry("1:4", new int[]{512, 2048}), Map.entry("4:1", new int[]{2048, 512}),
            Map.entry("1:8", new int[]{352, 2816}), Map.entry("8:1", new int[]{2816, 352}));
    static final Map<String, int[]> IMAGE_01_HD = Map.ofEntries(
            Map.entry("1:1", new int[]{1024, 1024}), Map.entry("16:9", new int[]{1280, 720}),
            Map.entry("4:3", new int[]{1152, 864}), Map.entry("3:2", new int[]{1248, 832}),
            Map.entry("2:3", new int[]{832, 1248}), Map.entry("3:4", new int[]{864, 1152}),
            Map.entry("9:16", new int[]{720, 1280}), Map.entry("21:9", new int[]{1344, 576}));

    static int[] expectedImageSize(String model, String size, String ratio) {
        return switch (model) {
            case "gemini-2.5-flash-image" -> GEMINI_25_1K.get(ratio);
            case "image-01" -> IMAGE_01_HD.get(ratio);
            default -> {
                int[] base = GEMINI_3_1K.get(ratio);
                yield switch (size) {
                    case "512" -> new int[]{base[0] / 2 / 16 * 16, base[1] / 2 / 16 * 16};
                    case "1K" -> base;
                    case "2K" -> new int[]{base[0] * 2, base[1] * 2};
                    case "4K" -> new int[]{base[0] * 4, base[1] * 4};
                    default -> throw new AssertionError(size);
                };
            }
        };
    }

    // ---- seed 000, AI Videos -------------------------------------------------------------------
    record VideoModel(String id, List<String> ratios, List<String> resolutions, List<String> durations, String pool) {
        boolean allows(String resolution, String duration) {
            return !(id.equals("MiniMax-Hailuo-2.3") && resolution.equals("1080p") && !duration.equals("6s"));
        }
    }

    static final List<String> VEO_DURATIONS = List.of("4s", "6s", "8s");
    static final List<VideoModel> VIDEO_MODELS = List.of(
            new VideoModel("MiniMax-Hailuo-2.3", List.of("16:9"), List.of("768p", "1080p"), List.of("6s", "10s"), "local-minimax-video"),
            new VideoModel("veo-3.1-fast-generate-preview", List.of("16:9", "9:16"), List.of("720p", "1080p"), VEO_DURATIONS, "local-veo-video"),
            new VideoModel("veo-3.1-generate-preview", List.of("16:9", "9:16"), List.of("720p", "1080p", "4K"), VEO_DURATIONS, "local-veo-video"),
            new VideoModel("veo-3.0-fast-generate-preview", List.of("16:9"), List.of("720p", "1080p"), VEO_DURATIONS, "local-veo-video"));
    static final List<String> ALL_VIDEO_RATIOS = List.of("16:9", "9:16");
    static final List<String> ALL_RESOLUTIONS = List.of("720p", "768p", "1080p", "4K");
    static final List<String> ALL_DURATIONS = List.of("4s", "6s", "8s", "10s");
    static final Map<String, int[]> LANDSCAPE = Map.of("720p", new int[]{1280, 720}, "768p", new int[]{1366, 768},
            "1080p", new int[]{1920, 1080}, "4K", new int[]{3840, 2160});

    static int[] expectedVideoSize(String resolution, String ratio) {
        int[] l = LANDSCAPE.get(resolution);
        return ratio.equals("16:9") ? l : new int[]{l[1], l[0]};
    }

    // ---- sources -------------------------------------------------------------------------------
    static Stream<Arguments> allowedImages() {
        List<Arguments> out = new ArrayList<>();
        for (ImageModel m : IMAGE_MODELS) {
            for (String size : m.sizes()) {
                for (String ratio : m.ratios()) {
                    out.add(Arguments.of(m.id(), size, ratio, m.pool()));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> rejectedImages() {
        List<Arguments> out = new ArrayList<>();
        for (ImageModel m : IMAGE_MODELS) {
            ALL_SIZES.stream().filter(s -> !m.sizes().contains(s))
                    .forEach(s -> out.add(Arguments.of(m.id(), "image_size", s, m.sizes())));
            ALL_14.stream().filter(r -> !m.ratios().contains(r))
                    .forEach(r -> out.add(Arguments.of(m.id(), "aspect_ratio", r, m.ratios())));
            out.add(Arguments.of(m.id(), "aspect_ratio", "7:3", m.ratios()));
        }
        return out.stream();
    }

    static Stream<Arguments> allowedVideos() {
        List<Arguments> out = new ArrayList<>();
        for (VideoModel m : VIDEO_MODELS) {
            for (String ratio : m.ratios()) {
                for (String res : m.resolutions()) {
                    for (String dur : m.durations()) {
                        if (m.allows(res, dur)) {
                            out.add(Arguments.of(m.id(), ratio, res, dur, m.pool()));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> rejectedVideos() {
        List<Arguments> out = new ArrayList<>();
        for (VideoModel m : VIDEO_MODELS) {
            ALL_VIDEO_RATIOS.stream().filter(v -> !m.ratios().contains(v))
                    .forEach(v -> out.add(Arguments.of(m.id(), "aspect_ratio", v, m.ratios())));
            ALL_RESOLUTIONS.stream().filter(v -> !m.resolutions().contains(v))
                    .forEach(v -> out.add(Arguments.of(m.id(), "resolution", v, m.resolutions())));
            ALL_DURATIONS.stream().filter(v -> !m.durations().contains(v))
                    .forEach(v -> out.add(Arguments.of(m.id(), "duration", v, m.durations())));
        }
        return out.stream();
    }

    static Stream<Arguments> crossKind() {
        List<Arguments> out = new ArrayList<>();
        IMAGE_MODELS.forEach(m -> out.add(Arguments.of(JobKind.AI_VIDEO, m.id())));
        VIDEO_MODELS.forEach(m -> out.add(Arguments.of(JobKind.AI_IMAGE, m.id())));
        out.add(Arguments.of(JobKind.AI_IMAGE, "dall-e-9"));
        out.add(Arguments.of(JobKind.AI_VIDEO, "sora-2"));
        out.add(Arguments.of(JobKind.AI_IMAGE, "GEMINI-2.5-FLASH-IMAGE"));
        return out.stream();
    }

    // ---- allowed -------------------------------------------------------------------------------
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("allowedImages")
    void everyAllowedImageCombinationResolves(String model, String size, String ratio, String pool) {
        Priced viaFields = CATALOGUE.resolve(JobKind.AI_IMAGE, model, "a cat", ratio, size);
        Priced viaMap = CATALOGUE.resolve(JobKind.AI_IMAGE, model, "a cat", Map.of("image_size", size, "aspect_ratio", ratio));
        assertThat(viaMap).isEqualTo(viaFields);
        int[] expected = expectedImageSize(model, size, ratio);
        assertThat(new int[]{viaFields.spec().width(), viaFields.spec().height()}).containsExactly(expected);
        assertThat(viaFields.spec().options()).isEqualTo(Map.of("image_size", size, "aspect_ratio", ratio));
        assertThat(viaFields.spec().kind()).isEqualTo(JobKind.AI_IMAGE);
        assertThat(viaFields.spec().model()).isEqualTo(model);
        assertThat(viaFields.spec().prompt()).isEqualTo("a cat");
        assertThat(viaFields.spec().format()).startsWith("image/");
        assertThat(viaFields.priceCredits()).isPositive();
        assertThat(viaFields.defaultPool()).isEqualTo(pool);
        assertThat(CATALOGUE.find(model).orElseThrow().pool()).isEqualTo(pool);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("allowedVideos")
    void everyAllowedVideoCombinationResolves(String model, String ratio, String resolution, String duration, String pool) {
        Priced priced = CATALOGUE.resolve(JobKind.AI_VIDEO, model, "a wave",
                Map.of("aspect_ratio", ratio, "resolution", resolution, "duration", duration));
        int[] expected = expectedVideoSize(resolution, ratio);
        assertThat(new int[]{priced.spec().width(), priced.spec().height()}).containsExactly(expected);
        assertThat(priced.spec().options())
                .isEqualTo(Map.of("aspect_ratio", ratio, "resolution", resolution, "duration", duration));
        assertThat(priced.spec().kind()).isEqualTo(JobKind.AI_VIDEO);
        assertThat(priced.spec().format()).isEqualTo("video/mp4");
        assertThat(priced.priceCredits()).isPositive();
        assertThat(priced.defaultPool()).isEqualTo(pool);
    }

    @Test
    void allCombinationsEnumeratesExactlyTheSeedTables() {
        Set<List<String>> expected = new LinkedHashSet<>();
        allowedImages().forEach(a -> expected.add(List.of((String) a.get()[0], "image_size=" + a.get()[1], "aspect_ratio=" + a.get()[2])));
        allowedVideos().forEach(a -> expected.add(List.of((String) a.get()[0], "aspect_ratio=" + a.get()[1],
                "resolution=" + a.get()[2], "duration=" + a.get()[3])));
        Set<List<String>> actual = new LinkedHashSet<>();
        for (ModelCatalogue.Combination c : CATALOGUE.allCombinations()) {
            List<String> row = new ArrayList<>();
            row.add(c.model());
            c.options().forEach((k, v) -> row.add(k + "=" + v));
            actual.add(row);
            Priced p = CATALOGUE.resolve(c.kind(), c.model(), "p", c.options());
            assertThat(p.priceCredits()).isEqualTo(c.priceCredits());
            assertThat(p.spec().width()).isEqualTo(c.width());
            assertThat(p.spec().height()).isEqualTo(c.height());
            assertThat(p.defaultPool()).isEqualTo(c.pool());
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSize(104 + 39);
        assertThat(CATALOGUE.all()).extracting(ModelCatalogue.Model::id).containsExactlyInAnyOrderElementsOf(
                concat(IMAGE_MODELS.stream().map(ImageModel::id).toList(), VIDEO_MODELS.stream().map(VideoModel::id).toList()));
    }

    // ---- rejected ------------------------------------------------------------------------------
    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("rejectedImages")
    void everyImageValueNotOfferedIsRejected(String model, String field, String value, List<String> allowed) {
        Map<String, String> options = Map.of(field, value);
        assertThatThrownBy(() -> CATALOGUE.resolve(JobKind.AI_IMAGE, model, "p", options))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.allowed()).containsExactlyElementsOf(allowed);
                    assertThat(e.getMessage()).contains(field, "'" + value + "'", model).contains(allowed);
                });
        String ratio = field.equals("aspect_ratio") ? value : null;
        String size = field.equals("image_size") ? value : null;
        assertThatThrownBy(() -> CATALOGUE.resolve(JobKind.AI_IMAGE, model, "p", ratio, size))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("rejectedVideos")
    void everyVideoValueNotOfferedIsRejected(String model, String field, String value, List<String> allowed) {
        assertThatThrownBy(() -> CATALOGUE.resolve(JobKind.AI_VIDEO, model, "p", Map.of(field, value)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.allowed()).containsExactlyElementsOf(allowed);
                    assertThat(e.getMessage()).contains(field, "'" + value + "'", model).contains(allowed);
                });
    }

    @Test
    void hailuo1080pOnlyComesIn6Seconds() {
        assertThatThrownBy(() -> CATALOGUE.resolve(JobKind.AI_VIDEO, "MiniMax-Hailuo-2.3", "p",
                Map.of("resolution", "1080p", "duration", "10s")))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo("duration");
                    assertThat(e.value()).isEqualTo("10s");
                    assertThat(e.allowed()).containsExactly("6s");
                    assertThat(e.getMessage()).isEqualTo(
                            "duration '10s' is not available with resolution 1080p for MiniMax-Hailuo-2.3; allowed: 6s");
                });
        // an omitted option defaults to a value the rules allow
        assertThat(CATALOGUE.resolve(JobKind.AI_VIDEO, "MiniMax-Hailuo-2.3", "p", Map.of("resolution", "1080p"))
                .spec().options()).containsEntry("duration", "6s");
        assertThat(CATALOGUE.resolve(JobKind.AI_VIDEO, "MiniMax-Hailuo-2.3", "p", Map.of("duration", "10s"))
                .spec().options()).containsEntry("resolution", "768p");
        // the rule is data
        assertThat(CATALOGUE.find("MiniMax-Hailuo-2.3").orElseThrow().rules()).containsExactly(
                new ModelCatalogue.Rule(Map.of("resolution", List.of("1080p")), Map.of("duration", List.of("6s"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("crossKind")
    void unknownModelsAndModelsOfTheOtherKindAreRejected(JobKind kind, String model) {
        List<String> ofKind = (kind == JobKind.AI_IMAGE ? IMAGE_MODELS.stream().map(ImageModel::id)
                : VIDEO_MODELS.stream().map(VideoModel::id)).toList();
        assertThatThrownBy(() -> CATALOGUE.resolve(kind, model, "p", Map.of()))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo("model");
                    assertThat(e.allowed()).containsExactlyInAnyOrderElementsOf(ofKind);
                    assertThat(e.getMessage()).contains(model).contains(ofKind);
                });
    }

    @Test
    void optionsOfTheOtherKindAreRejected() {
        assertThatThrownBy(() -> CATALOGUE.resolve(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "p", Map.of("duration", "6s")))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo("duration");
                    assertThat(e.getMessage()).contains("duration", "gemini-2.5-flash-image");
                });
        assertThatThrownBy(() -> CATALOGUE.resolve(JobKind.AI_VIDEO, null, "p", Map.of("image_size", "1K")))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> assertThat(e.field()).isEqualTo("image_size"));
    }

    // ---- defaults ------------------------------------------------------------------------------
    @Test
    void defaultsFollowTheSeed() {
        Priced image = CATALOGUE.resolve(JobKind.AI_IMAGE, null, "p", null, null);
        assertThat(image.spec().model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(image.spec().options()).isEqualTo(Map.of("image_size", "1K", "aspect_ratio", "1:1"));

        Map<String, String> nulls = new HashMap<>();
        nulls.put("aspect_ratio", null);
        Priced video = CATALOGUE.resolve(JobKind.AI_VIDEO, null, "p", nulls);
        assertThat(video.spec().model()).isEqualTo("MiniMax-Hailuo-2.3");
        assertThat(video.spec().options()).isEqualTo(Map.of("aspect_ratio", "16:9", "resolution", "768p", "duration", "6s"));
        assertThat(new int[]{video.spec().width(), video.spec().height()}).containsExactly(1366, 768);

        Map<String, String> sizes = new LinkedHashMap<>();
        for (ImageModel m : IMAGE_MODELS) {
            Priced p = CATALOGUE.resolve(JobKind.AI_IMAGE, m.id(), "p", Map.of());
            sizes.put(m.id(), p.spec().options().get("image_size") + " " + p.spec().options().get("aspect_ratio"));
        }
        assertThat(sizes).containsExactly(Map.entry("gemini-2.5-flash-image", "1K 1:1"),
                Map.entry("gemini-3.1-flash-image-preview", "1K 1:1"), Map.entry("gemini-3-pro-image-preview", "1K 1:1"),
                Map.entry("image-01", "HD 1:1"));
        for (VideoModel m : VIDEO_MODELS.subList(1, VIDEO_MODELS.size())) {
            assertThat(CATALOGUE.resolve(JobKind.AI_VIDEO, m.id(), "p", Map.of()).spec().options())
                    .isEqualTo(Map.of("aspect_ratio", "16:9", "resolution", "720p", "duration", "6s"));
        }
    }

    @Test
    void modelsCarryFamilyPoolAndFormat() {
        assertThat(CATALOGUE.all()).allSatisfy(m -> {
            assertThat(m.family()).isNotBlank();
            assertThat(m.name()).isNotBlank();
        });
        assertThat(CATALOGUE.find("gemini-3-pro-image-preview").orElseThrow().family()).isEqualTo("gemini-image");
        assertThat(CATALOGUE.find("veo-3.1-generate-preview").orElseThrow().family()).isEqualTo("veo-video");
        assertThat(CATALOGUE.models(JobKind.AI_VIDEO)).extracting(ModelCatalogue.Model::format).containsOnly("video/mp4");
        assertThat(CATALOGUE.find("nope")).isEmpty();
        assertThat(CATALOGUE.find(null)).isEmpty();
    }

    // ---- prices --------------------------------------------------------------------------------
    @Test
    void pricesAreStableAndNeverFallAsOutputGrows() {
        assertThat(CATALOGUE.resolve(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "p", "16:9", "1K").priceCredits()).isEqualTo(4);
        for (ModelCatalogue.Combination a : CATALOGUE.allCombinations()) {
            for (ModelCatalogue.Combination b : CATALOGUE.allCombinations(a.model())) {
                boolean sameRatio = a.options().get("aspect_ratio").equals(b.options().get("aspect_ratio"));
                boolean bigger = (long) b.width() * b.height() > (long) a.width() * a.height();
                boolean sameDuration = java.util.Objects.equals(a.options().get("duration"), b.options().get("duration"));
                if (sameRatio && sameDuration && bigger) {
                    assertThat(b.priceCredits()).as("%s vs %s", b, a).isGreaterThanOrEqualTo(a.priceCredits());
                }
                if (a.kind() == JobKind.AI_VIDEO && sameRatio
                        && a.options().get("resolution").equals(b.options().get("resolution"))
                        && seconds(b) > seconds(a)) {
                    assertThat(b.priceCredits()).as("%s vs %s", b, a).isGreaterThan(a.priceCredits());
                }
            }
        }
    }

    @Test
    void pricesCanBeOverriddenWithAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.properties");
        Files.writeString(file, "# operator prices\ngemini-2.5-flash-image.1K = 5\nMiniMax-Hailuo-2.3.1080p.6s=77\n");
        ModelCatalogue custom = ModelCatalogue.load(file);
        assertThat(custom.resolve(JobKind.AI_IMAGE, null, "p", null, null).priceCredits()).isEqualTo(5);
        assertThat(custom.resolve(JobKind.AI_VIDEO, null, "p", Map.of("resolution", "1080p")).priceCredits()).isEqualTo(77);
        assertThat(custom.resolve(JobKind.AI_VIDEO, null, "p", Map.of()).priceCredits())
                .isEqualTo(CATALOGUE.resolve(JobKind.AI_VIDEO, null, "p", Map.of()).priceCredits());
        assertThat(custom.allCombinations("gemini-2.5-flash-image")).extracting(ModelCatalogue.Combination::priceCredits).containsOnly(5L);
        // the shipped catalogue is unchanged
        assertThat(ModelCatalogue.load().resolve(JobKind.AI_IMAGE, null, "p", null, null).priceCredits()).isEqualTo(4);
    }

    @Test
    void pricesCanBeOverriddenWithJsonFlatOrNested(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"image-01.HD": 3, "veo-3.1-generate-preview": {"4K.8s": 999, "720p.4s": 100}}
                """);
        ModelCatalogue custom = ModelCatalogue.load(file);
        assertThat(custom.resolve(JobKind.AI_IMAGE, "image-01", "p", Map.of()).priceCredits()).isEqualTo(3);
        assertThat(custom.resolve(JobKind.AI_VIDEO, "veo-3.1-generate-preview", "p",
                Map.of("resolution", "4K", "duration", "8s")).priceCredits()).isEqualTo(999);
        assertThat(custom.find("veo-3.1-generate-preview").orElseThrow().prices()).containsEntry("720p.4s", 100L);
    }

    @Test
    void theOverrideFileCanBeNamedBySystemProperty(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.properties");
        Files.writeString(file, "gemini-3-pro-image-preview.4K=31\n");
        String before = System.getProperty(ModelCatalogue.PRICE_TABLE_PROPERTY);
        System.setProperty(ModelCatalogue.PRICE_TABLE_PROPERTY, file.toString());
        try {
            assertThat(ModelCatalogue.load().resolve(JobKind.AI_IMAGE, "gemini-3-pro-image-preview", "p", "1:1", "4K")
                    .priceCredits()).isEqualTo(31);
        } finally {
            if (before == null) {
                System.clearProperty(ModelCatalogue.PRICE_TABLE_PROPERTY);
            } else {
                System.setProperty(ModelCatalogue.PRICE_TABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void badOverridesFailLoudly(@TempDir Path dir) throws Exception {
        Path unknownModel = Files.writeString(dir.resolve("a.properties"), "dall-e-9.1K=5\n");
        Path unknownKey = Files.writeString(dir.resolve("b.properties"), "MiniMax-Hailuo-2.3.1080p.10s=5\n");
        Path zero = Files.writeString(dir.resolve("c.properties"), "gemini-2.5-flash-image.1K=0\n");
        Path notNumber = Files.writeString(dir.resolve("d.json"), "{\"gemini-2.5-flash-image.1K\": \"cheap\"}");
        assertThatThrownBy(() -> ModelCatalogue.load(unknownModel)).isInstanceOf(IllegalStateException.class).hasMessageContaining("dall-e-9.1K");
        assertThatThrownBy(() -> ModelCatalogue.load(unknownKey)).isInstanceOf(IllegalStateException.class).hasMessageContaining("1080p.10s");
        assertThatThrownBy(() -> ModelCatalogue.load(zero)).isInstanceOf(IllegalStateException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> ModelCatalogue.load(notNumber)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cheap");
        assertThatThrownBy(() -> ModelCatalogue.load(dir.resolve("missing.json"))).isInstanceOf(IllegalStateException.class);
    }

    // ---- the catalogue checks its own data -----------------------------------------------------
    static final String TINY = """
            {"dimension_tables": {"t": {"1K": {"1:1": [10, 10]}, "2K": {"1:1": [20, 20]}}},
             "models": [{"id": "m", "name": "M", "kind": "ai_image", "family": "f", "default_for_kind": true,
               "pool": "p", "format": "image/png", "options": {"image_size": ["1K", "2K"], "aspect_ratio": ["1:1"]},
               "defaults": {"image_size": "1K", "aspect_ratio": "1:1"}, "rules": RULES,
               "dimensions": {"table": "t", "by": ["image_size", "aspect_ratio"]},
               "prices": {"by": ["image_size"], "credits": PRICES}}]}
            """;

    static ModelCatalogue tiny(String rules, String prices) throws Exception {
        String json = TINY.replace("RULES", rules).replace("PRICES", prices);
        return ModelCatalogue.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidCatalogueDataIsRejectedAtLoad() throws Exception {
        assertThat(tiny("[]", "{\"1K\": 1, \"2K\": 2}").allCombinations("m")).hasSize(2);
        assertThat(tiny("[{\"when\": {\"aspect_ratio\": [\"1:1\"]}, \"then\": {\"image_size\": [\"2K\"]}}]",
                "{\"1K\": 1, \"2K\": 2}").resolve(JobKind.AI_IMAGE, null, "p", Map.of()).spec().options())
                .as("a default a rule excludes gives way to the first allowed value").containsEntry("image_size", "2K");
        ModelCatalogue onlyBig = tiny("[{\"when\": {\"aspect_ratio\": [\"1:1\"]}, \"then\": {\"image_size\": [\"2K\"]}}]",
                "{\"1K\": 1, \"2K\": 2}");
        assertThatThrownBy(() -> onlyBig.resolve(JobKind.AI_IMAGE, "m", "p", Map.of("image_size", "1K")))
                .as("a value no completion can satisfy is rejected, naming what would work")
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo("image_size");
                    assertThat(e.allowed()).containsExactly("2K");
                });
        assertThatThrownBy(() -> tiny("[]", "{\"1K\": 1}")).isInstanceOf(IllegalStateException.class).hasMessageContaining("no price");
        assertThatThrownBy(() -> tiny("[{\"when\": {\"resolution\": [\"1080p\"]}, \"then\": {\"image_size\": [\"1K\"]}}]",
                "{\"1K\": 1, \"2K\": 2}")).isInstanceOf(IllegalStateException.class).hasMessageContaining("rule");
        assertThatThrownBy(() -> tiny("[]", "{\"1K\": 1, \"2K\": -2}")).isInstanceOf(IllegalStateException.class);
    }

    private static int seconds(ModelCatalogue.Combination c) {
        return Integer.parseInt(c.options().get("duration").replace("s", ""));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
