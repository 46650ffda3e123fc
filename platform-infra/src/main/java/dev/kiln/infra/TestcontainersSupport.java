package dev.kiln.infra;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@code KILN_INFRA_MODE=testcontainers}: the same components as Docker containers. Only loaded in that mode; the
 * Testcontainers modules are optional dependencies of platform-infra, so a consumer using this mode must add
 * {@code org.testcontainers:kafka}, {@code postgresql} and {@code minio} itself.
 */
final class TestcontainersSupport {

    static final String KAFKA_IMAGE = "apache/kafka:4.0.0";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String REDIS_IMAGE = "redis:7";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

    private TestcontainersSupport() {
    }

    /** Returns [bootstrapServers]. */
    static String startKafka(KilnInfra.Closer closer, int partitions) {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(partitions))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        kafka.start();
        closer.add("kafka", kafka::stop);
        return kafka.getBootstrapServers();
    }

    /** Returns [jdbcUrl, username, password]. */
    static String[] startPostgres(KilnInfra.Closer closer) {
        PostgreSQLContainer<?> pg = new PostgreSQLContainer<>(POSTGRES_IMAGE)
                .withDatabaseName(EmbeddedPostgresServer.DATABASE)
                .withUsername(EmbeddedPostgresServer.USERNAME)
                .withPassword(EmbeddedPostgresServer.PASSWORD);
        pg.start();
        closer.add("postgres", pg::stop);
        return new String[] { pg.getJdbcUrl(), pg.getUsername(), pg.getPassword() };
    }

    /** Returns the redis:// URL. */
    static String startRedis(KilnInfra.Closer closer) {
        GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        redis.start();
        closer.add("redis", redis::stop);
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    /** Returns [endpoint, accessKey, secretKey]. */
    static String[] startS3(KilnInfra.Closer closer) {
        MinIOContainer minio = new MinIOContainer(MINIO_IMAGE)
                .withUserName(S3ProxyServer.ACCESS_KEY)
                .withPassword(S3ProxyServer.SECRET_KEY);
        minio.start();
        closer.add("s3", minio::stop);
        return new String[] { minio.getS3URL(), minio.getUserName(), minio.getPassword() };
    }
}
