package dev.kiln.sdk;

/**
 * Paging of list calls: {@code ListParams.page(2).limit(50)}. Unset values are not sent and take the API's defaults
 * (page 1, limit 25); the API accepts {@code page ≥ 1} and {@code 1 ≤ limit ≤ 100}.
 *
 * @param page  1-based page number, or {@code null}
 * @param limit items per page, or {@code null}
 */
public record ListParams(Integer page, Integer limit) {
    /** Neither page nor limit: the first page of the default size. */
    public static ListParams defaults() {
        return new ListParams(null, null);
    }

    /** The given page of the default size; add {@link #limit(int)} to set the size. */
    public static ListParams page(int page) {
        return new ListParams(page, null);
    }

    public static ListParams of(int page, int limit) {
        return new ListParams(page, limit);
    }

    /** A copy with this page size. */
    public ListParams limit(int limit) {
        return new ListParams(page, limit);
    }
}
