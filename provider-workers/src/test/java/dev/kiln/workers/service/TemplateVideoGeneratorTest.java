package dev.kiln.workers.service;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.infra.quarkus.KilnInfraResource;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;
import dev.kiln.workers.render.ImageSource;
import dev.kiln.workers.render.SafeImageFetcher;
import dev.kiln.workers.testing.MediaFixtures;
import dev.kiln.workers.testing.MediaServer;
import dev.kiln.workers.video.FfmpegToolkit;
import dev.kiln.workers.video.MediaInfo;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link TemplateVideoGenerator} with real media: clips, pictures and tones made by the bundled ffmpeg,
 * served by a loopback HTTP server that only a {@link SafeImageFetcher#forTestsAllowing} fetcher may reach,
 * and stored assets in the real S3 bucket of the test infrastructure. Outputs are probed with ffmpeg.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "postgres", value = "false"),
        @ResourceArg(name = "redis", value = "false")})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateVideoGeneratorTest {
    private static final Color BOX = new Color(255, 0, 0);
    private static final SafeImageFetcher.Limits LIMITS = new SafeImageFetcher.Limits(20L * 1024 * 1024,
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20), 3, 40_000_000L);

    @Inject
    MinioClient s3;
    @Inject
    StoredAssets stored;
    @Inject
    FfmpegToolkit toolkit;
    @ConfigProperty(name = "kiln.s3.bucket")
    String bucket;

    Path dir;
    MediaFixtures media;
    MediaServer server;
    SafeImageFetcher fetcher;
    Path work;
    Path clip;
    String account;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("template-video-generator-test");
        media = new MediaFixtures(toolkit);
        clip = media.clip(dir.resolve("clip.mp4"), 320, 240, 10, 2, 440);
        Path silent = media.clip(dir.resolve("silent.mp4"), 320, 240, 10, 2, 0);
        Path tone3s = media.tone(dir.resolve("tone3.m4a"), 3, 1000);
        Path tone80s = media.tone(dir.resolve("tone80.m4a"), 80, 1000);
        Path png = media.still(dir.resolve("still.png"), 320, 240, "png");
        Path jpeg = media.still(dir.resolve("still.jpg"), 320, 240, "jpeg");
        server = new MediaServer()
                .file("/clip.mp4", "video/mp4", clip)
                .file("/clip.bin", "application/octet-stream", clip)
                .file("/silent.mp4", "video/mp4", silent)
                .file("/tone3.m4a", "audio/mp4", tone3s)
                .file("/tone80.m4a", "audio/mp4", tone80s)
                .file("/still.png", "image/png", png)
                .file("/still.jpg", "image/jpeg", jpeg)
                .file("/clip.html", "text/html", clip)
                .bytes("/noise.mp4", "video/mp4", "not a video at all".repeat(100).getBytes(StandardCharsets.US_ASCII))
                .bytes("/playlist.mp4", "video/mp4", ("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n"
                        + "http://127.0.0.1:1/segment.ts\n#EXT-X-ENDLIST\n").getBytes(StandardCharsets.US_ASCII));
        fetcher = SafeImageFetcher.forTestsAllowing(LIMITS, server.endpoint());
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        deleteTree(dir);
    }

    @BeforeEach
    void freshWorkRoot() throws IOException {
        work = Files.createTempDirectory(dir, "work");
        account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TemplateVideoGenerator.Settings settings() {
        return new TemplateVideoGenerator.Settings(LIMITS.maxBytes(), LIMITS.maxBytes(), Duration.ofSeconds(60),
                Duration.ofSeconds(2), 40_000_000L, 10L * 1024 * 1024, 40_000_000L);
    }

    private TemplateVideoGenerator generator(TemplateVideoGenerator.Settings settings) {
        return generator(fetcher, settings);
    }

    private TemplateVideoGenerator generator(SafeImageFetcher urls, TemplateVideoGenerator.Settings settings) {
        return new TemplateVideoGenerator(urls, urls, stored, toolkit, settings, work);
    }

    /** A 240x240 canvas (the 320x240 input is letterboxed into it) with an opaque red box at (10,10)-(110,60). */
    private static TemplateRender render(String input, String audio, Layer... more) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer.Shape("box", 10, 10, 100, 50, "rectangle", "#FF0000", null, 0, 0));
        layers.addAll(List.of(more));
        return new TemplateRender(new TemplateDocument("00000000-0000-0000-0000-0000000000f1", "video-test",
                "Video test", new TemplateDocument.Canvas(240, 240, "#FFFFFF", false), layers),
                List.of(), false, input, audio);
    }

    private static JobSpec spec(TemplateRender render, Map<String, String> options) {
        return new JobSpec(JobKind.TEMPLATE_VIDEO, "template-video", null, options, 240, 240, "video/mp4", render);
    }

    private static JobSpec spec(TemplateRender render) {
        return spec(render, Map.of());
    }

    /** Writes the output to a file and probes it. */
    private Path save(GeneratedOutput output, String name) throws IOException {
        assertThat(output.contentType()).isEqualTo("video/mp4");
        assertThat(output.extension()).isEqualTo("mp4");
        Path file = dir.resolve(name + "-" + UUID.randomUUID() + ".mp4");
        Files.write(file, output.data());
        return file;
    }

    private MediaInfo probeCanvas(Path file, GeneratedOutput output) {
        MediaInfo info = toolkit.probe(file);
        assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec, MediaInfo.VideoStream::pixelFormat,
                MediaInfo.VideoStream::width, MediaInfo.VideoStream::height).containsExactly("h264", "yuv420p", 240, 240);
        assertThat(output.width()).isEqualTo(240);
        assertThat(output.height()).isEqualTo(240);
        return info;
    }

    private static void assertColour(BufferedImage image, int x, int y, Color expected) {
        Color actual = new Color(image.getRGB(x, y));
        assertThat(actual.getRed()).as("red at %d,%d", x, y).isCloseTo(expected.getRed(), within(40));
        assertThat(actual.getGreen()).as("green at %d,%d", x, y).isCloseTo(expected.getGreen(), within(40));
        assertThat(actual.getBlue()).as("blue at %d,%d", x, y).isCloseTo(expected.getBlue(), within(40));
    }

    private String failureCode(TemplateVideoGenerator generator, JobSpec spec) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> generator.generate(spec, account));
        assertThat(thrown).isInstanceOf(GenerationException.class);
        return ((GenerationException) thrown).errorCode();
    }

    private void assertWorkRootEmpty() throws IOException {
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).as("working files removed").isEmpty();
        }
    }

    private String putAsset(String owner, String name, String contentType, byte[] data) throws Exception {
        String key = "outputs/" + owner + "/job_" + UUID.randomUUID().toString().replace("-", "") + "/" + name;
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType)
                .stream(new ByteArrayInputStream(data), data.length, -1).build());
        return AssetUrls.reference(key);
    }

    // ---- media over HTTP --------------------------------------------------------------------------------

    @Test
    void replaceOverlaysTheTemplateOnTheClipWithTheGivenAudio() throws Exception {
        GeneratedOutput output = generator(settings()).generate(
                spec(render(server.url("/clip.mp4"), server.url("/tone3.m4a"))), account);

        Path file = save(output, "replace");
        MediaInfo info = probeCanvas(file, output);
        assertThat(info.durationSeconds()).as("the input's length").isCloseTo(2.0, within(0.2));
        assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec).isEqualTo("aac");
        assertThat(media.toneLevel(file, 1000, 1.5)).as("the given audio").isGreaterThan(0.05);
        assertThat(media.toneLevel(file, 440, 1.5)).as("not the input's sound").isLessThan(0.01);
        BufferedImage frame = media.frameAt(file, 1);
        assertColour(frame, 60, 35, BOX);
        // 320x240 fitted into 240x240 is 240x180: black bars above y=30 outside the box
        assertColour(frame, 200, 10, Color.BLACK);
        assertThat(new Color(frame.getRGB(120, 120))).as("the clip shows through").isNotEqualTo(Color.WHITE);
        assertWorkRootEmpty();
    }

    @Test
    void mixKeepsTheInputsSoundUnderTheAudio() throws Exception {
        TemplateVideoGenerator generator = generator(settings());
        TemplateRender render = render(server.url("/clip.bin"), server.url("/tone3.m4a"));

        Path mixed = save(generator.generate(spec(render, Map.of("audio_mode", "mix")), account), "mix");
        Path replaced = save(generator.generate(spec(render, Map.of("audio_mode", "replace")), account), "replace");

        MediaInfo info = toolkit.probe(mixed);
        assertThat(info.durationSeconds()).as("the video decides the length").isCloseTo(2.0, within(0.2));
        assertThat(info.audio()).isPresent();
        assertThat(media.toneLevel(mixed, 440, 1.5)).as("mix: the input's sound").isGreaterThan(0.05);
        assertThat(media.toneLevel(mixed, 1000, 1.5)).as("mix: the given audio").isGreaterThan(0.05);
        assertThat(media.toneLevel(replaced, 440, 1.5)).as("replace: not the input's sound").isLessThan(0.01);
        assertThat(Files.readAllBytes(mixed)).isNotEqualTo(Files.readAllBytes(replaced));
        assertWorkRootEmpty();
    }

    @Test
    void withoutAudioTheInputsSoundIsKept() throws Exception {
        GeneratedOutput output = generator(settings()).generate(spec(render(server.url("/clip.mp4"), null)), account);

        Path file = save(output, "kept");
        MediaInfo info = probeCanvas(file, output);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.2));
        assertThat(media.toneLevel(file, 440, 1.5)).isGreaterThan(0.05);
    }

    @Test
    void aStillPictureLastsTheStillDurationOrTheAudiosLength() throws Exception {
        TemplateVideoGenerator generator = generator(settings());

        GeneratedOutput silent = generator.generate(spec(render(server.url("/still.png"), null)), account);
        Path silentFile = save(silent, "still");
        MediaInfo silentInfo = probeCanvas(silentFile, silent);
        assertThat(silentInfo.durationSeconds()).as("still-duration").isCloseTo(2.0, within(0.15));
        assertThat(silentInfo.audio()).isEmpty();
        assertColour(media.frameAt(silentFile, 1), 60, 35, BOX);

        GeneratedOutput withAudio = generator.generate(
                spec(render(server.url("/still.jpg"), server.url("/tone3.m4a")), Map.of("audio_mode", "mix")), account);
        Path audioFile = save(withAudio, "still-audio");
        MediaInfo audioInfo = probeCanvas(audioFile, withAudio);
        assertThat(audioInfo.durationSeconds()).as("the audio's length").isCloseTo(3.0, within(0.15));
        assertThat(media.toneLevel(audioFile, 1000, 2.5)).isGreaterThan(0.05);
        assertWorkRootEmpty();
    }

    @Test
    void aStillPictureWithLongAudioIsCappedAtTheMaximum() throws Exception {
        GeneratedOutput output = generator(settings().withMaxDuration(Duration.ofSeconds(4))).generate(
                spec(render(server.url("/still.png"), server.url("/tone80.m4a"))), account);

        MediaInfo info = toolkit.probe(save(output, "still-capped"));
        assertThat(info.durationSeconds()).isCloseTo(4.0, within(0.15));
    }

    @Test
    void anInputLongerThanTheMaximumFailsWithMediaTooLong() throws Exception {
        TemplateVideoGenerator generator = generator(settings().withMaxDuration(Duration.ofMillis(1500)));

        assertThatThrownBy(() -> generator.generate(spec(render(server.url("/clip.mp4"), null)), account))
                .isInstanceOfSatisfying(GenerationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("media_too_long");
                    assertThat(e.getMessage()).contains("input_media_url", "2.0 s", "1.5 s");
                });
        assertWorkRootEmpty();
    }

    @Test
    void loopbackIsRefusedWithoutTheTestAllowance() throws Exception {
        int before = server.hits("/clip.mp4");
        TemplateVideoGenerator production = generator(new SafeImageFetcher(LIMITS), settings());

        assertThatThrownBy(() -> production.generate(spec(render(server.url("/clip.mp4"), null)), account))
                .isInstanceOfSatisfying(GenerationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("forbidden_address");
                    assertThat(e.getMessage()).contains("input_media_url", "127.0.0.1");
                });
        assertThat(failureCode(production, spec(render("http://169.254.169.254/latest/meta-data", null))))
                .isEqualTo("forbidden_address");
        assertThat(failureCode(production, spec(render("http://10.0.0.1/clip.mp4", null)))).isEqualTo("forbidden_address");
        assertThat(server.hits("/clip.mp4")).as("never connected").isEqualTo(before);
        // the audio is checked the same way, even by the fetcher that may reach the test server
        assertThat(failureCode(generator(settings()), spec(render(server.url("/clip.mp4"),
                "http://[::ffff:127.0.0.1]:1/tone.m4a")))).isEqualTo("forbidden_address");
        assertWorkRootEmpty();
    }

    @Test
    void whatIsNotMediaFailsWithInvalidMedia() throws Exception {
        TemplateVideoGenerator generator = generator(settings());
        assertThat(failureCode(generator, spec(render(server.url("/clip.html"), null)))).isEqualTo("invalid_media");
        assertThat(failureCode(generator, spec(render(server.url("/noise.mp4"), null)))).isEqualTo("invalid_media");
        assertThat(failureCode(generator, spec(render(server.url("/playlist.mp4"), null)))).isEqualTo("invalid_media");
        assertThat(failureCode(generator, spec(render(server.url("/clip.mp4"), server.url("/silent.mp4")))))
                .as("audio without sound").isEqualTo("invalid_media");
        assertThat(failureCode(generator, spec(render(null, null)))).isEqualTo("invalid_media");
        assertWorkRootEmpty();
    }

    @Test
    void capsAndOptionsHaveTheirCodes() {
        TemplateVideoGenerator.Settings small = new TemplateVideoGenerator.Settings(10_000, 10_000,
                Duration.ofSeconds(60), Duration.ofSeconds(2), 40_000_000L, 10_000, 40_000_000L);
        assertThat(failureCode(generator(small), spec(render(server.url("/clip.mp4"), null)))).isEqualTo("too_large");
        TemplateVideoGenerator.Settings fewPixels = new TemplateVideoGenerator.Settings(LIMITS.maxBytes(),
                LIMITS.maxBytes(), Duration.ofSeconds(60), Duration.ofSeconds(2), 320 * 200, 10_000, 40_000_000L);
        assertThat(failureCode(generator(fewPixels), spec(render(server.url("/still.png"), null)))).isEqualTo("too_large");
        assertThat(failureCode(generator(settings()), spec(render(server.url("/clip.mp4"), null),
                Map.of("audio_mode", "blend")))).isEqualTo("invalid_option");
        assertThat(failureCode(generator(settings()), new JobSpec(JobKind.TEMPLATE_VIDEO, "template-video", null,
                Map.of(), 240, 240, "image/png", render(server.url("/clip.mp4"), null)))).isEqualTo("unsupported_format");
        assertThat(failureCode(generator(settings()), new JobSpec(JobKind.TEMPLATE_VIDEO, "template-video", null,
                Map.of(), 240, 240, "video/mp4", null))).isEqualTo("invalid_template");
    }

    // ---- stored assets ----------------------------------------------------------------------------------

    @Test
    void storedAssetsOfTheJobsAccountAreReadFromTheBucket() throws Exception {
        String input = putAsset(account, "0.mp4", "video/mp4", Files.readAllBytes(clip));
        String audio = putAsset(account, "1.m4a", "audio/mp4", Files.readAllBytes(dir.resolve("tone3.m4a")));
        // an image layer from the bucket too: a blue picture in the lower right corner
        String picture = putAsset(account, "2.png", "image/png", png(solid(80, 80, Color.BLUE)));
        TemplateRender render = render(input, audio,
                new Layer.Image("logo", 150, 150, 80, 80, null, "cover", 0));
        render = new TemplateRender(render.template(), List.of(new PropertyValue("logo", null, picture, null)),
                false, input, audio);

        GeneratedOutput output = generator(settings()).generate(spec(render, Map.of("audio_mode", "mix")), account);

        Path file = save(output, "stored");
        MediaInfo info = probeCanvas(file, output);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.2));
        assertThat(media.toneLevel(file, 440, 1.5)).isGreaterThan(0.05);
        assertThat(media.toneLevel(file, 1000, 1.5)).isGreaterThan(0.05);
        BufferedImage frame = media.frameAt(file, 1);
        assertColour(frame, 60, 35, BOX);
        assertColour(frame, 190, 190, Color.BLUE);
        assertWorkRootEmpty();
    }

    @Test
    void storedAssetsOfAnotherAccountAreForbidden() throws Exception {
        String other = "acc_other" + UUID.randomUUID().toString().substring(0, 4);
        String theirs = putAsset(other, "0.mp4", "video/mp4", Files.readAllBytes(clip));
        String theirPicture = putAsset(other, "1.png", "image/png", png(solid(8, 8, Color.BLUE)));
        TemplateVideoGenerator generator = generator(settings());

        assertThatThrownBy(() -> generator.generate(spec(render(theirs, null)), account))
                .isInstanceOfSatisfying(GenerationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("forbidden_asset");
                    assertThat(e.getMessage()).contains("input_media_url").doesNotContain(account);
                });
        assertThat(failureCode(generator, spec(render(server.url("/clip.mp4"), theirs)))).as("audio")
                .isEqualTo("forbidden_asset");
        TemplateRender withTheirPicture = render(server.url("/clip.mp4"), null,
                new Layer.Image("logo", 0, 0, 8, 8, theirPicture, "cover", 0));
        assertThat(failureCode(generator, spec(withTheirPicture))).as("image layer").isEqualTo("forbidden_asset");
        // not an output of any account, and keys that try to leave the account's folder
        assertThat(failureCode(generator, spec(render("kiln-asset:templates/x.mp4", null)))).isEqualTo("forbidden_asset");
        assertThat(failureCode(generator, spec(render("kiln-asset:outputs/" + account + "/../0.mp4", null))))
                .isEqualTo("forbidden_asset");
        // the job's own account, but nothing stored there
        assertThatThrownBy(() -> generator.generate(
                spec(render(AssetUrls.reference("outputs/" + account + "/job_x/0.mp4"), null)), account))
                .isInstanceOfSatisfying(GenerationException.class, e -> assertThat(e.errorCode()).as(e.getMessage())
                        .isEqualTo("asset_not_found"));
        assertWorkRootEmpty();
    }

    @Test
    void theTemplateImageGeneratorReadsStoredPicturesOfItsAccountOnly() throws Exception {
        String mine = putAsset(account, "0.png", "image/png", png(solid(40, 40, Color.BLUE)));
        String theirs = putAsset("acc_someone", "0.png", "image/png", png(solid(40, 40, Color.BLUE)));
        ImageSource nothingElse = url -> {
            throw new AssertionError("no URL fetch expected: " + url);
        };
        TemplateImageGenerator images = new TemplateImageGenerator(nothingElse, stored, 10L * 1024 * 1024, 40_000_000L);
        TemplateRender picture = new TemplateRender(new TemplateDocument("00000000-0000-0000-0000-0000000000f2",
                "picture", "Picture", new TemplateDocument.Canvas(40, 40, "#FFFFFF", false),
                List.of(new Layer.Image("photo", 0, 0, 40, 40, mine, "cover", 0))), List.of(), false, null, null);
        JobSpec spec = new JobSpec(JobKind.TEMPLATE_IMAGE, "template-image", null, Map.of(), 40, 40, "image/png", picture);

        BufferedImage out = ImageIO.read(new ByteArrayInputStream(images.generate(spec, account).data()));
        assertThat(new Color(out.getRGB(20, 20))).isEqualTo(Color.BLUE);

        TemplateRender foreign = new TemplateRender(picture.template(),
                List.of(new PropertyValue("photo", null, theirs, null)), false, null, null);
        assertThatThrownBy(() -> images.generate(new JobSpec(JobKind.TEMPLATE_IMAGE, "template-image", null, Map.of(),
                40, 40, "image/png", foreign), account))
                .isInstanceOfSatisfying(GenerationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("forbidden_asset"));
    }

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
