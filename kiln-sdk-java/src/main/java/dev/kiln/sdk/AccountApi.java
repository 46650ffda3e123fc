package dev.kiln.sdk;

/** {@code GET /account}. */
public final class AccountApi {
    private final Transport transport;

    AccountApi(Transport transport) {
        this.transport = transport;
    }

    /** The caller's account: plan, usage, quota and credits. */
    public Account get() {
        return transport.get("/account", Account.class, RequestOptions.none());
    }
}
