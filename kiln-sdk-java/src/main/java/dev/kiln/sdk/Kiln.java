package dev.kiln.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Client of Kiln's public API.
 *
 * <pre>{@code
 * Kiln client = new Kiln("kiln_sk_...");
 * AiImage image = client.aiImages().createAndWait(AiImageParams.builder()
 *         .prompt("A minimalist product photo of a white sneaker")
 *         .build());
 * System.out.println(image.imageUrl());
 * }</pre>
 *
 * <p>A client is immutable and thread-safe; share one per API key. It owns one {@link HttpClient}, released by
 * {@link #close()}. Every call is blocking and throws an unchecked {@link KilnException} (or one of its typed
 * subclasses) when the API answers with an error or cannot be reached.
 */
public final class Kiln implements AutoCloseable {
    /** The base URL used when none is given: a gateway on this machine. */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080/v1";
    /** The per-request timeout used when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Transport transport;
    private final AuthApi auth;
    private final AccountApi account;
    private final AiImagesApi aiImages;
    private final AiVideosApi aiVideos;
    private final TemplatesApi templates;
    private final TemplateImagesApi images;
    private final TemplateVideosApi videos;
    private final WebhooksApi webhooks;

    /** A client with the default base URL ({@value #DEFAULT_BASE_URL}) and timeout (30 s). */
    public Kiln(String apiKey) {
        this(builder().apiKey(apiKey));
    }

    private Kiln(Builder b) {
        if (b.apiKey == null || b.apiKey.isBlank()) {
            throw new IllegalArgumentException("An API key is required");
        }
        String baseUrl = b.baseUrl;
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        URI base = URI.create(baseUrl);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("The base URL must be absolute, e.g. " + DEFAULT_BASE_URL + ": " + b.baseUrl);
        }
        if (b.timeout.isNegative() || b.timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive");
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(b.timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.transport = new Transport(http, baseUrl, b.apiKey, b.timeout);
        this.auth = new AuthApi(transport);
        this.account = new AccountApi(transport);
        this.aiImages = new AiImagesApi(transport);
        this.aiVideos = new AiVideosApi(transport);
        this.templates = new TemplatesApi(transport);
        this.images = new TemplateImagesApi(transport);
        this.videos = new TemplateVideosApi(transport);
        this.webhooks = new WebhooksApi(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code GET /auth}: checks the API key. */
    public AuthApi auth() {
        return auth;
    }

    /** {@code GET /account}: plan, usage and credits. */
    public AccountApi account() {
        return account;
    }

    /** {@code /ai/images}: AI image jobs. */
    public AiImagesApi aiImages() {
        return aiImages;
    }

    /** {@code /ai/videos}: AI video jobs. */
    public AiVideosApi aiVideos() {
        return aiVideos;
    }

    /** {@code /templates}: the templates template images are rendered from. */
    public TemplatesApi templates() {
        return templates;
    }

    /** {@code /images}: template image jobs. */
    public TemplateImagesApi images() {
        return images;
    }

    /** {@code /videos}: template video jobs (Automate plan and up). */
    public TemplateVideosApi videos() {
        return videos;
    }

    /** {@code /webhooks}: the secret that signs the account's webhooks. */
    public WebhooksApi webhooks() {
        return webhooks;
    }

    /** The base URL requests go to, without a trailing slash. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** The default per-request timeout. */
    public Duration timeout() {
        return transport.timeout();
    }

    /** Releases the HTTP client; calls after this fail. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Kiln[" + transport.baseUrl() + "]";
    }

    /** Options of a {@link Kiln} client. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /** The API key ({@code kiln_sk_…}); required. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The API's base URL including the version, default {@value Kiln#DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Timeout of each HTTP request (connect and answer), default 30 s. Creating a job waits until billing has
         * reserved its credits, so keep it above the gateway's reservation timeout (10 s by default).
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Kiln build() {
            return new Kiln(this);
        }
    }
}
