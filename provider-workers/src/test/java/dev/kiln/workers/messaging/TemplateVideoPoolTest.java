package dev.kiln.workers.messaging;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.GenerationFailed;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.contracts.events.GenerationSucceeded;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import dev.kiln.workers.domain.Pools;
import dev.kiln.workers.testing.MediaFixtures;
import dev.kiln.workers.testing.Mp4Probe;
import dev.kiln.workers.video.FfmpegToolkit;
import dev.kiln.workers.video.MediaInfo;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Pool {@code local-template-video} end to end against real Kafka and S3, with the production media
 * source (public addresses only): a template video job on its dispatch topic whose input video and audio
 * are stored assets of the job's account is rendered over them, stored as
 * {@code outputs/<account>/<job>/0.mp4} and reported; a private input URL and another account's stored
 * asset fail with their codes and store nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "postgres", value = "false"),
        @ResourceArg(name = "redis", value = "false")})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateVideoPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String POOL = Pools.LOCAL_TEMPLATE_VIDEO;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "kiln.s3.bucket")
    String bucket;
    @Inject
    MinioClient s3;
    @Inject
    FfmpegToolkit toolkit;

    private KafkaEventClient kafka;
    private Path dir;
    private MediaFixtures media;
    private byte[] clip;
    private byte[] tone;

    @BeforeAll
    void makeMedia() throws IOException {
        dir = Files.createTempDirectory("template-video-pool-test");
        media = new MediaFixtures(toolkit);
        clip = Files.readAllBytes(media.clip(dir.resolve("clip.mp4"), 320, 240, 10, 2, 440));
        tone = Files.readAllBytes(media.tone(dir.resolve("tone.m4a"), 3, 1000));
    }

    @AfterAll
    void removeMedia() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaEventClient(bootstrapServers, List.of(Topics.GENERATION_RESULTS));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    /** A 320x320 canvas with a headline and a box; the 320x240 input is letterboxed into it. */
    private static TemplateRender render(String input, String audio) {
        TemplateDocument template = new TemplateDocument("00000000-0000-0000-0000-0000000000f3", "pool-video",
                "Pool video", new TemplateDocument.Canvas(320, 320, "#FFFFFF", false), List.of(
                new Layer.Shape("band", 0, 260, 320, 60, "rectangle", "#1F2328", null, 0, 0),
                new Layer.Text("headline", 10, 270, 300, 40, "Default", "Noto Sans", 24, 700, "#FFFFFF", "left",
                        "middle", 1.2, true, 12)));
        return new TemplateRender(template, List.of(new PropertyValue("headline", "Summer sale", null, null)), false,
                input, audio);
    }

    private static JobSpec spec(TemplateRender render, Map<String, String> options) {
        return new JobSpec(JobKind.TEMPLATE_VIDEO, "template-video", null, options, 320, 320, "video/mp4", render);
    }

    private static JobDispatched job(JobSpec spec) {
        String jobId = "vid_" + UUID.randomUUID().toString().replace("-", "");
        String accountId = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        return new JobDispatched(EventIds.of(jobId, "dispatched"), Instant.now(), jobId, accountId, POOL, spec);
    }

    private void send(JobDispatched job) {
        kafka.send(Topics.dispatch(POOL), job.jobId(), job);
    }

    private String putAsset(String account, String name, String contentType, byte[] data) throws Exception {
        String key = "outputs/" + account + "/job_" + UUID.randomUUID().toString().replace("-", "") + "/" + name;
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType)
                .stream(new ByteArrayInputStream(data), data.length, -1).build());
        return AssetUrls.reference(key);
    }

    private List<KilnEvent> awaitResults(String jobId, int count) {
        return await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> kafka.records(Topics.GENERATION_RESULTS).stream()
                        .filter(r -> r.value() != null && jobId.equals(r.value().jobId())).toList(),
                        records -> records.size() >= count)
                .stream().map(ConsumerRecord::value).toList();
    }

    private void assertNothingStored(JobDispatched job) {
        String key = "outputs/" + job.accountId() + "/" + job.jobId() + "/0.mp4";
        assertThatThrownBy(() -> s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void aTemplateVideoOverStoredMediaIsAnMp4OfTheCanvasInTheBucket() throws Exception {
        // the job's account must own its stored inputs: make the job first, then store them under its account
        JobDispatched draft = job(spec(render(null, null), Map.of()));
        String input = putAsset(draft.accountId(), "0.mp4", "video/mp4", clip);
        String audio = putAsset(draft.accountId(), "0.m4a", "audio/mp4", tone);
        JobDispatched job = new JobDispatched(draft.eventId(), draft.occurredAt(), draft.jobId(), draft.accountId(),
                POOL, spec(render(input, audio), Map.of("audio_mode", "mix")));
        send(job);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(0)).isInstanceOfSatisfying(GenerationStarted.class, started -> {
            assertThat(started.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.started"));
            assertThat(started.pool()).isEqualTo(POOL);
        });
        assertThat(events.get(1)).as("%s", events.get(1)).isInstanceOf(GenerationSucceeded.class);
        GenerationSucceeded succeeded = (GenerationSucceeded) events.get(1);
        assertThat(succeeded.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.succeeded"));
        assertThat(succeeded.outputs()).hasSize(1);
        Asset asset = succeeded.outputs().get(0);
        assertThat(asset.objectKey()).isEqualTo("outputs/" + job.accountId() + "/" + job.jobId() + "/0.mp4");
        assertThat(asset.contentType()).isEqualTo("video/mp4");
        assertThat(asset.width()).isEqualTo(320);
        assertThat(asset.height()).isEqualTo(320);

        byte[] data;
        try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(asset.objectKey()).build())) {
            data = in.readAllBytes();
        }
        assertThat(asset.bytes()).isEqualTo(data.length);
        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object(asset.objectKey()).build());
        assertThat(stat.contentType()).isEqualTo("video/mp4");

        Mp4Probe mp4 = Mp4Probe.of(data);
        assertThat(mp4.codec()).isEqualTo(Codec.H264);
        assertThat(mp4.width()).isEqualTo(320);
        assertThat(mp4.height()).isEqualTo(320);
        assertThat(mp4.durationSeconds()).isCloseTo(2.0, within(0.2));
        Path file = dir.resolve(job.jobId() + ".mp4");
        Files.write(file, data);
        MediaInfo info = toolkit.probe(file);
        assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec).isEqualTo("h264");
        assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec).isEqualTo("aac");
        assertThat(media.toneLevel(file, 440, 1.5)).as("the input's sound").isGreaterThan(0.05);
        assertThat(media.toneLevel(file, 1000, 1.5)).as("the mixed-in audio").isGreaterThan(0.05);
    }

    @Test
    void aPrivateInputUrlFailsWithForbiddenAddressAndStoresNothing() {
        JobDispatched job = job(spec(render("http://169.254.169.254/latest/meta-data/video.mp4", null), Map.of()));
        send(job);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.failed"));
            assertThat(failed.pool()).isEqualTo(POOL);
            assertThat(failed.errorCode()).isEqualTo("forbidden_address");
            assertThat(failed.errorMessage()).contains("input_media_url", "169.254.169.254");
        });
        assertNothingStored(job);
    }

    @Test
    void anotherAccountsStoredAssetFailsWithForbiddenAsset() throws Exception {
        String theirs = putAsset("acc_someone_else", "0.mp4", "video/mp4", clip);
        JobDispatched job = job(spec(render(theirs, null), Map.of()));
        send(job);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo("forbidden_asset");
            assertThat(failed.errorMessage()).contains("input_media_url", "another account");
        });
        assertNothingStored(job);
    }
}
