package dev.kiln.sdk;

/** {@code GET /auth}. */
public final class AuthApi {
    private final Transport transport;

    AuthApi(Transport transport) {
        this.transport = transport;
    }

    /**
     * Checks the API key.
     *
     * @return {@code message} = {@code "Authenticated"}
     * @throws AuthenticationException the key is invalid, revoked or missing
     */
    public AuthResult test() {
        return transport.get("/auth", AuthResult.class, RequestOptions.none());
    }
}
