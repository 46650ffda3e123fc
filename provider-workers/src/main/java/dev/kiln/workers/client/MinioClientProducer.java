package dev.kiln.workers.client;

import dev.kiln.workers.config.S3Config;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The S3 client (MinIO Java SDK), built from {@code kiln.s3.*}. */
@ApplicationScoped
public class MinioClientProducer {

    @Produces
    @Singleton
    MinioClient minioClient(S3Config config) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }
}
