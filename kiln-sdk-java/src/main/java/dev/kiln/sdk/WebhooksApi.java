package dev.kiln.sdk;

/** {@code GET /webhooks/default/secret}. */
public final class WebhooksApi {
    private final Transport transport;

    WebhooksApi(Transport transport) {
        this.transport = transport;
    }

    private record Secret(String key) {
    }

    /**
     * The secret ({@code whsec_…}) that signs this account's webhooks per Standard Webhooks; verify each delivery's
     * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} headers with it.
     */
    public String defaultSecret() {
        return transport.get("/webhooks/default/secret", Secret.class, RequestOptions.none()).key();
    }
}
