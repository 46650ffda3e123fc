package dev.kiln.workers.messaging;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.GenerationFailed;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.contracts.events.GenerationSucceeded;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import dev.kiln.workers.domain.Pools;
import dev.kiln.workers.render.LoopbackImageSource;
import dev.kiln.workers.render.TemplateRenderer;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Pool {@code local-template-image} end to end against real Kafka and S3: a template job on its
 * dispatch topic is rendered from the snapshot it carries, stored as {@code outputs/<account>/<job>/0.<ext>}
 * and reported; refused image URLs and jobs without a template fail with their codes. Image layers
 * are fetched from a loopback HTTP server through the test-only {@link LoopbackImageSource} (the
 * production fetcher refuses loopback).
 */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "postgres", value = "false"),
        @ResourceArg(name = "redis", value = "false")})
class TemplateImagePoolTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String POOL = Pools.LOCAL_TEMPLATE_IMAGE;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "kiln.s3.bucket")
    String bucket;
    @Inject
    MinioClient s3;
    /** The image source the pool uses in tests: a loopback server it may reach, nothing else private. */
    @Inject
    LoopbackImageSource images;

    private KafkaEventClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaEventClient(bootstrapServers, List.of(Topics.GENERATION_RESULTS));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    /** The built-in product card with a title, a price and a photo, as the gateway would snapshot it. */
    private TemplateRender productCard(String photoUrl) {
        return new TemplateRender(BuiltinTemplates.get("product-card"), List.of(
                new PropertyValue("title", "Stoneware mug", null, null),
                new PropertyValue("price", "$24", null, "#2A6F97"),
                new PropertyValue("background", null, photoUrl, null)), false, null, null);
    }

    private static JobSpec spec(TemplateRender render, String format) {
        TemplateDocument.Canvas canvas = render == null ? new TemplateDocument.Canvas(1080, 1080, null, false)
                : render.template().canvas();
        return new JobSpec(JobKind.TEMPLATE_IMAGE, "template-image", null, Map.of("format", format),
                canvas.width(), canvas.height(), format, render);
    }

    private JobDispatched send(JobSpec spec) {
        String jobId = "img_" + UUID.randomUUID().toString().replace("-", "");
        String accountId = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        JobDispatched job = new JobDispatched(EventIds.of(jobId, "dispatched"), Instant.now(), jobId, accountId, POOL, spec);
        kafka.send(Topics.dispatch(POOL), job.jobId(), job);
        return job;
    }

    private List<KilnEvent> awaitResults(String jobId, int count) {
        return await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> resultsFor(jobId), records -> records.size() >= count)
                .stream().map(ConsumerRecord::value).toList();
    }

    private List<ConsumerRecord<String, KilnEvent>> resultsFor(String jobId) {
        return kafka.records(Topics.GENERATION_RESULTS).stream()
                .filter(r -> r.value() != null && jobId.equals(r.value().jobId())).toList();
    }

    private byte[] download(String objectKey) throws Exception {
        try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(objectKey).build())) {
            return in.readAllBytes();
        }
    }

    /** Started, then succeeded with one asset whose stored object is returned after the common checks. */
    private Stored awaitStored(JobDispatched job, String contentType, String extension) throws Exception {
        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(0)).isInstanceOfSatisfying(GenerationStarted.class, started -> {
            assertThat(started.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.started"));
            assertThat(started.pool()).isEqualTo(POOL);
            assertThat(started.worker()).isEqualTo("provider-workers-test");
        });
        assertThat(events.get(1)).as("%s", events.get(1)).isInstanceOf(GenerationSucceeded.class);
        GenerationSucceeded succeeded = (GenerationSucceeded) events.get(1);
        assertThat(succeeded.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.succeeded"));
        assertThat(succeeded.pool()).isEqualTo(POOL);
        assertThat(succeeded.accountId()).isEqualTo(job.accountId());
        assertThat(succeeded.outputs()).hasSize(1);
        Asset asset = succeeded.outputs().get(0);
        assertThat(asset.objectKey()).isEqualTo("outputs/" + job.accountId() + "/" + job.jobId() + "/0." + extension);
        assertThat(asset.contentType()).isEqualTo(contentType);
        assertThat(asset.width()).isEqualTo(1080);
        assertThat(asset.height()).isEqualTo(1080);

        byte[] data = download(asset.objectKey());
        assertThat(asset.bytes()).isEqualTo(data.length);
        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object(asset.objectKey()).build());
        assertThat(stat.contentType()).isEqualTo(contentType);
        return new Stored(asset, data, events);
    }

    private record Stored(Asset asset, byte[] data, List<KilnEvent> events) {
    }

    @Test
    void productCardWithOverridesAndALoopbackPhotoIsAPngOf1080x1080() throws Exception {
        String photo = images.url(LoopbackImageSource.PRODUCT_PHOTO);
        int hitsBefore = images.hits(LoopbackImageSource.PRODUCT_PHOTO);
        TemplateRender render = productCard(photo);
        JobDispatched job = send(spec(render, "image/png"));

        Stored stored = awaitStored(job, "image/png", "png");
        assertThat(Arrays.copyOf(stored.data(), PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(stored.data()));
        assertThat(png).as("decodes as PNG").isNotNull();
        assertThat(png.getWidth()).isEqualTo(1080);
        assertThat(png.getHeight()).isEqualTo(1080);
        assertThat(images.hits(LoopbackImageSource.PRODUCT_PHOTO)).as("the photo was fetched").isGreaterThan(hitsBefore);

        // Exactly the render of this snapshot with its overrides: the same bytes as the renderer gives here,
        // and not the template's defaults.
        TemplateRenderer renderer = new TemplateRenderer(images);
        assertThat(stored.data()).isEqualTo(renderer.render(render, "image/png").data());
        TemplateRender defaults = new TemplateRender(render.template(),
                List.of(new PropertyValue("background", null, photo, null)), false, null, null);
        assertThat(stored.data()).isNotEqualTo(renderer.render(defaults, "image/png").data());
        // The photo fills its box (the card around it is white).
        assertThat(png.getRGB(540, 360) & 0xFFFFFF).isNotEqualTo(0xFFFFFF);
    }

    @Test
    void anImageUrlAtTheCloudMetadataAddressFailsWithForbiddenAddressAndStoresNothing() {
        JobDispatched job = send(spec(productCard("http://169.254.169.254/latest/meta-data"), "image/png"));

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(0)).isInstanceOf(GenerationStarted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.failed"));
            assertThat(failed.pool()).isEqualTo(POOL);
            assertThat(failed.errorCode()).isEqualTo("forbidden_address");
            assertThat(failed.errorMessage()).contains("background", "169.254.169.254");
        });
        String key = "outputs/" + job.accountId() + "/" + job.jobId() + "/0.png";
        assertThatThrownBy(() -> s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void formatWebpGivesAWebp() throws Exception {
        JobDispatched job = send(spec(productCard(images.url(LoopbackImageSource.PRODUCT_PHOTO)), "image/webp"));

        Stored stored = awaitStored(job, "image/webp", "webp");
        byte[] data = stored.data();
        assertThat(new String(data, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(data, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        BufferedImage webp = ImageIO.read(new ByteArrayInputStream(data));
        assertThat(webp).as("decodes as WebP").isNotNull();
        assertThat(webp.getWidth()).isEqualTo(1080);
        assertThat(webp.getHeight()).isEqualTo(1080);
    }

    @Test
    void aTemplateJobWithoutItsTemplateFailsWithInvalidTemplate() {
        JobDispatched job = send(spec(null, "image/png"));

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo("invalid_template");
            assertThat(failed.errorMessage()).contains("no template");
        });
    }

    @Test
    void aPropertyNamingNoLayerFailsWithInvalidProperty() {
        TemplateRender render = new TemplateRender(BuiltinTemplates.get("product-card"),
                List.of(new PropertyValue("subtitle", "no such layer", null, null)), false, null, null);
        JobDispatched job = send(spec(render, "image/png"));

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo("invalid_property");
            assertThat(failed.errorMessage()).contains("subtitle");
        });
    }

    @Test
    void redeliveredTemplateJobGivesTheSameObjectAndEventIds() throws Exception {
        JobDispatched job = send(spec(productCard(images.url(LoopbackImageSource.PRODUCT_PHOTO)), "image/jpeg"));
        Stored first = awaitStored(job, "image/jpeg", "jpg");

        kafka.send(Topics.dispatch(POOL), job.jobId(), job);
        List<KilnEvent> all = awaitResults(job.jobId(), 4);
        assertThat(all).hasSize(4);
        List<KilnEvent> second = all.subList(2, 4);
        assertThat(second).extracting(KilnEvent::eventId)
                .containsExactlyElementsOf(first.events().stream().map(KilnEvent::eventId).toList());
        assertThat(((GenerationSucceeded) second.get(1)).outputs()).containsExactly(first.asset());
        assertThat(download(first.asset().objectKey())).isEqualTo(first.data());
    }
}
