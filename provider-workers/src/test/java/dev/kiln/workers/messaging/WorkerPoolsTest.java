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
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import dev.kiln.workers.domain.Pools;
import dev.kiln.workers.testing.Mp4Probe;
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
import org.jcodec.common.Codec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Every pool end to end against real Kafka and S3: a {@code JobDispatched} on the pool's dispatch
 * topic gives {@code GenerationStarted} and {@code GenerationSucceeded} on the results topic and a
 * decodable object of the requested kind, size (and duration) in the bucket.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "postgres", value = "false"),
        @ResourceArg(name = "redis", value = "false")})
class WorkerPoolsTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Frame rate of the video stand-in (default {@code kiln.workers.video.fps}). */
    private static final int FPS = 8;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "kiln.s3.bucket")
    String bucket;

    private KafkaEventClient kafka;
    /** The service's own S3 client (MinIO SDK), against the real S3 server. */
    @Inject
    MinioClient s3;

    @BeforeEach
    void setUp() {
        kafka = new KafkaEventClient(bootstrapServers, List.of(Topics.GENERATION_RESULTS));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    /** A request of each pool as the catalogue would resolve it (smallest sizes and durations the models offer). */
    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of(Pools.LOCAL_GEMINI_IMAGE, image("gemini-3.1-flash-image-preview", "a teapot on a windowsill",
                        "4:3", "512", 688, 512)),
                Arguments.of(Pools.LOCAL_MINIMAX_IMAGE, new JobSpec(JobKind.AI_IMAGE, "image-01",
                        "cute bear mascot holding a camera", Map.of("aspect_ratio", "16:9", "image_size", "HD"),
                        1280, 720, "image/jpeg")),
                Arguments.of(Pools.LOCAL_MINIMAX_VIDEO, video("MiniMax-Hailuo-2.3", "a white sneaker rotating",
                        "16:9", "768p", "6s", 1366, 768)),
                Arguments.of(Pools.LOCAL_VEO_VIDEO, video("veo-3.1-fast-generate-preview", "barista making latte art",
                        "9:16", "720p", "4s", 720, 1280)));
    }

    static JobSpec image(String model, String prompt, String ratio, String size, int width, int height) {
        return new JobSpec(JobKind.AI_IMAGE, model, prompt, Map.of("aspect_ratio", ratio, "image_size", size),
                width, height, "image/png");
    }

    static JobSpec video(String model, String prompt, String ratio, String resolution, String duration,
                         int width, int height) {
        return new JobSpec(JobKind.AI_VIDEO, model, prompt,
                Map.of("aspect_ratio", ratio, "resolution", resolution, "duration", duration), width, height, "video/mp4");
    }

    private static JobDispatched dispatch(String pool, JobSpec spec) {
        String prefix = spec.kind() == JobKind.AI_VIDEO ? "vid_" : "img_";
        String jobId = prefix + UUID.randomUUID().toString().replace("-", "");
        String accountId = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        return new JobDispatched(EventIds.of(jobId, "dispatched"), Instant.now(), jobId, accountId, pool, spec);
    }

    private JobDispatched send(String pool, JobSpec spec) {
        JobDispatched job = dispatch(pool, spec);
        kafka.send(Topics.dispatch(pool), job.jobId(), job);
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

    private static String extension(JobSpec spec) {
        return switch (spec.format()) {
            case "video/mp4" -> "mp4";
            case "image/jpeg" -> "jpg";
            default -> "png";
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void poolGeneratesStoresAndReportsItsOutput(String pool, JobSpec spec) throws Exception {
        JobDispatched job = send(pool, spec);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(resultsFor(job.jobId())).allSatisfy(r -> assertThat(r.key()).isEqualTo(job.jobId()));
        assertThat(events.get(0)).isInstanceOfSatisfying(GenerationStarted.class, started -> {
            assertThat(started.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.started"));
            assertThat(started.accountId()).isEqualTo(job.accountId());
            assertThat(started.pool()).isEqualTo(pool);
            assertThat(started.worker()).isEqualTo("provider-workers-test");
        });
        assertThat(events.get(1)).isInstanceOf(GenerationSucceeded.class);
        GenerationSucceeded succeeded = (GenerationSucceeded) events.get(1);
        assertThat(succeeded.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.succeeded"));
        assertThat(succeeded.pool()).isEqualTo(pool);
        assertThat(succeeded.outputs()).hasSize(1);
        Asset asset = succeeded.outputs().get(0);
        assertThat(asset.objectKey())
                .isEqualTo("outputs/" + job.accountId() + "/" + job.jobId() + "/0." + extension(spec));
        assertThat(asset.contentType()).isEqualTo(spec.format());
        assertThat(asset.width()).isEqualTo(spec.width());
        assertThat(asset.height()).isEqualTo(spec.height());

        byte[] data = download(asset.objectKey());
        assertThat(asset.bytes()).isEqualTo(data.length);
        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object(asset.objectKey()).build());
        assertThat(stat.contentType()).isEqualTo(asset.contentType());
        assertThat(stat.size()).isEqualTo(asset.bytes());

        if (spec.kind() == JobKind.AI_IMAGE) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            assertThat(image).as("decodes as " + spec.format()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(spec.width());
            assertThat(image.getHeight()).isEqualTo(spec.height());
        } else {
            Mp4Probe probe = Mp4Probe.of(data);
            assertThat(probe.codec()).isEqualTo(Codec.H264);
            assertThat(probe.fourcc()).isEqualTo("avc1");
            assertThat(probe.width()).isEqualTo(spec.width());
            assertThat(probe.height()).isEqualTo(spec.height());
            assertThat(probe.spsWidth()).isEqualTo(spec.width());
            assertThat(probe.spsHeight()).isEqualTo(spec.height());
            double seconds = Double.parseDouble(spec.options().get("duration").replace("s", ""));
            assertThat(probe.durationSeconds()).as("duration within one frame").isCloseTo(seconds, within(1.0 / FPS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Pools.LOCAL_GEMINI_IMAGE, Pools.LOCAL_MINIMAX_IMAGE, Pools.LOCAL_MINIMAX_VIDEO, Pools.LOCAL_VEO_VIDEO})
    void failureMarkerReportsGenerationFailedAndStoresNothing(String pool) throws Exception {
        JobSpec spec = pool.endsWith("-video")
                ? video("veo-3.1-generate-preview", "kiln:fail this one on purpose", "16:9", "720p", "4s", 1280, 720)
                : image("gemini-2.5-flash-image", "kiln:fail this one on purpose", "1:1", "1K", 1024, 1024);
        JobDispatched job = send(pool, spec);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(0)).isInstanceOf(GenerationStarted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.failed"));
            assertThat(failed.pool()).isEqualTo(pool);
            assertThat(failed.errorCode()).isEqualTo("generation_failed");
            assertThat(failed.errorMessage()).contains("kiln:fail");
        });
        String key = "outputs/" + job.accountId() + "/" + job.jobId() + "/0." + extension(spec);
        assertThatThrownBy(() -> s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void aVideoJobRoutedToAnImagePoolFailsInsteadOfStoringAPng() {
        JobDispatched job = send(Pools.LOCAL_GEMINI_IMAGE,
                video("veo-3.1-generate-preview", "a clip in the wrong place", "16:9", "720p", "4s", 1280, 720));
        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class,
                failed -> assertThat(failed.errorCode()).isEqualTo("generation_failed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Pools.LOCAL_GEMINI_IMAGE, Pools.LOCAL_VEO_VIDEO})
    void redeliveredDispatchGivesTheSameObjectAndEventIds(String pool) throws Exception {
        // Small outputs: this is about idempotency, not sizes.
        JobSpec spec = pool.endsWith("-video")
                ? video("veo-3.0-fast-generate-preview", "the same job, twice", "16:9", "720p", "2s", 320, 180)
                : image("gemini-2.5-flash-image", "the same job, twice", "1:1", "1K", 200, 120);
        JobDispatched job = send(pool, spec);
        List<KilnEvent> first = awaitResults(job.jobId(), 2);
        Asset firstAsset = ((GenerationSucceeded) first.get(1)).outputs().get(0);
        byte[] firstBytes = download(firstAsset.objectKey());

        kafka.send(Topics.dispatch(pool), job.jobId(), job);
        List<KilnEvent> all = awaitResults(job.jobId(), 4);
        assertThat(all).hasSize(4);
        List<KilnEvent> second = all.subList(2, 4);
        assertThat(second).extracting(KilnEvent::eventId).containsExactlyElementsOf(first.stream().map(KilnEvent::eventId).toList());
        assertThat(second).extracting(KilnEvent::type).containsExactly("generation.started", "generation.succeeded");
        Asset secondAsset = ((GenerationSucceeded) second.get(1)).outputs().get(0);
        assertThat(secondAsset).isEqualTo(firstAsset);
        assertThat(download(secondAsset.objectKey())).isEqualTo(firstBytes);
    }
}
