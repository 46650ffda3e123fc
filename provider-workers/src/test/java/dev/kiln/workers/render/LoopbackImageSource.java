package dev.kiln.workers.render;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.awt.image.BufferedImage;

/**
 * Test-only {@link ImageSource} bean that replaces the production fetcher in {@code @QuarkusTest}s
 * (a CDI alternative, so it exists only on the test classpath): a real HTTP server on loopback
 * serving sample pictures, and a {@link SafeImageFetcher#forTestsAllowing} fetcher that may reach
 * exactly that server's address and port — every other loopback port, private and link-local
 * address (e.g. {@code 169.254.169.254}) stays refused, as in production.
 */
@Alternative
@Priority(1)
@Singleton
public class LoopbackImageSource implements ImageSource {
    /** {@link SamplePictures#productPhoto()} as PNG (1200×800). */
    public static final String PRODUCT_PHOTO = "/product.png";

    private final TestImageServer server;
    private final SafeImageFetcher fetcher;

    public LoopbackImageSource() {
        server = new TestImageServer().png(PRODUCT_PHOTO, SamplePictures.productPhoto());
        fetcher = SafeImageFetcher.forTestsAllowing(SafeImageFetcher.Limits.defaults(), server.endpoint());
    }

    /** The URL of {@code path} on the loopback server, e.g. {@link #PRODUCT_PHOTO}. */
    public String url(String path) {
        return server.url(path);
    }

    /** How many requests the server has answered for {@code path}. */
    public int hits(String path) {
        return server.hits(path);
    }

    @Override
    public BufferedImage load(String url) throws ImageFetchException {
        return fetcher.load(url);
    }

    @PreDestroy
    void close() {
        server.close();
    }
}
