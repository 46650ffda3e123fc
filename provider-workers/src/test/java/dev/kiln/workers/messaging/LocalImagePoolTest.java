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
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "postgres", value = "false"),
        @ResourceArg(name = "redis", value = "false")})
class LocalImagePoolTest {
    private static final String DISPATCH_TOPIC = Topics.dispatch("local-image");
    private static final Duration WAIT = Duration.ofSeconds(45);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "kiln.s3.endpoint")
    String s3Endpoint;
    @ConfigProperty(name = "kiln.s3.access-key")
    String s3AccessKey;
    @ConfigProperty(name = "kiln.s3.secret-key")
    String s3SecretKey;
    @ConfigProperty(name = "kiln.s3.region")
    String s3Region;
    @ConfigProperty(name = "kiln.s3.bucket")
    String bucket;

    private KafkaEventClient kafka;
    private MinioClient s3;

    @BeforeEach
    void setUp() {
        kafka = new KafkaEventClient(bootstrapServers, List.of(Topics.GENERATION_RESULTS));
        s3 = MinioClient.builder().endpoint(s3Endpoint).credentials(s3AccessKey, s3SecretKey).region(s3Region).build();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private static JobDispatched dispatch(String prompt, int width, int height) {
        String jobId = "img_" + UUID.randomUUID().toString().replace("-", "");
        String accountId = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        JobSpec spec = new JobSpec(JobKind.AI_IMAGE, "local-image", prompt, Map.of("aspect_ratio", "custom"),
                width, height, "image/png");
        return new JobDispatched(EventIds.of(jobId, "dispatched"), Instant.now(), jobId, accountId, "local-image", spec);
    }

    private List<KilnEvent> awaitResults(String jobId, int count) {
        return await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> resultsFor(jobId), records -> records.size() >= count)
                .stream().map(ConsumerRecord::value).toList();
    }

    private byte[] download(String objectKey) throws Exception {
        try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(objectKey).build())) {
            return in.readAllBytes();
        }
    }

    @Test
    void generatesStoresAndReportsAPng() throws Exception {
        JobDispatched job = dispatch("a teapot on a windowsill", 344, 216);
        kafka.send(DISPATCH_TOPIC, job.jobId(), job);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(resultsFor(job.jobId())).allSatisfy(r -> assertThat(r.key()).isEqualTo(job.jobId()));
        assertThat(events.get(0)).isInstanceOfSatisfying(GenerationStarted.class, started -> {
            assertThat(started.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.started"));
            assertThat(started.accountId()).isEqualTo(job.accountId());
            assertThat(started.pool()).isEqualTo("local-image");
        });
        GenerationSucceeded succeeded = (GenerationSucceeded) events.get(1);
        assertThat(succeeded.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.succeeded"));
        assertThat(succeeded.outputs()).hasSize(1);
        Asset asset = succeeded.outputs().get(0);
        assertThat(asset.objectKey()).isEqualTo("outputs/" + job.accountId() + "/" + job.jobId() + "/0.png");
        assertThat(asset.contentType()).isEqualTo("image/png");
        assertThat(asset.width()).isEqualTo(344);
        assertThat(asset.height()).isEqualTo(216);

        byte[] png = download(asset.objectKey());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(344);
        assertThat(image.getHeight()).isEqualTo(216);
        assertThat(asset.bytes()).isEqualTo(png.length);
        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object(asset.objectKey()).build());
        assertThat(stat.contentType()).isEqualTo(asset.contentType());
        assertThat(stat.size()).isEqualTo(asset.bytes());
    }

    @Test
    void failureMarkerReportsGenerationFailedAndStoresNothing() throws Exception {
        JobDispatched job = dispatch("kiln:fail this one on purpose", 64, 64);
        kafka.send(DISPATCH_TOPIC, job.jobId(), job);

        List<KilnEvent> events = awaitResults(job.jobId(), 2);
        assertThat(events.get(0)).isInstanceOf(GenerationStarted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.eventId()).isEqualTo(EventIds.of(job.jobId(), "generation.failed"));
            assertThat(failed.errorCode()).isEqualTo("generation_failed");
            assertThat(failed.errorMessage()).contains("kiln:fail");
        });
        String key = "outputs/" + job.accountId() + "/" + job.jobId() + "/0.png";
        assertThatThrownBy(() -> s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void redeliveredDispatchGivesTheSameObjectAndEventIds() throws Exception {
        JobDispatched job = dispatch("the same job, twice", 200, 120);
        kafka.send(DISPATCH_TOPIC, job.jobId(), job);
        List<KilnEvent> first = awaitResults(job.jobId(), 2);
        Asset firstAsset = ((GenerationSucceeded) first.get(1)).outputs().get(0);
        byte[] firstBytes = download(firstAsset.objectKey());

        kafka.send(DISPATCH_TOPIC, job.jobId(), job);
        List<KilnEvent> all = awaitResults(job.jobId(), 4);
        assertThat(all).hasSize(4);
        List<KilnEvent> second = all.subList(2, 4);
        assertThat(second).extracting(KilnEvent::eventId).containsExactlyElementsOf(first.stream().map(KilnEvent::eventId).toList());
        assertThat(second).extracting(KilnEvent::type).containsExactly("generation.started", "generation.succeeded");
        Asset secondAsset = ((GenerationSucceeded) second.get(1)).outputs().get(0);
        assertThat(secondAsset).isEqualTo(firstAsset);
        assertThat(download(secondAsset.objectKey())).isEqualTo(firstBytes);
    }

    private List<ConsumerRecord<String, KilnEvent>> resultsFor(String jobId) {
        return kafka.records(Topics.GENERATION_RESULTS).stream()
                .filter(r -> r.value() != null && jobId.equals(r.value().jobId())).toList();
    }
}
