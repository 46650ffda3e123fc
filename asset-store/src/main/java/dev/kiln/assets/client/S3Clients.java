package dev.kiln.assets.client;

import dev.kiln.assets.config.AssetsConfig;
import dev.kiln.assets.config.S3Config;
import dev.kiln.contracts.assets.AssetUrls;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The S3 client (MinIO Java SDK) and the URL verifier, built from configuration. */
@ApplicationScoped
public class S3Clients {

    @Produces
    @Singleton
    MinioClient minioClient(S3Config config) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }

    @Produces
    @Singleton
    AssetUrls assetUrls(AssetsConfig config) {
        return new AssetUrls(config.signingKey());
    }
}
