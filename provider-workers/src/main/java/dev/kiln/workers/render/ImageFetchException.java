package dev.kiln.workers.render;

import java.io.IOException;

/**
 * An image or media URL (or stored-asset reference) that was refused or could not be fetched, with a
 * machine-readable {@link #code()}.
 */
public class ImageFetchException extends IOException {
    /** Not {@code http}/{@code https}. */
    public static final String UNSUPPORTED_SCHEME = "unsupported_scheme";
    /** Not a parseable absolute URL, or an ambiguous numeric host such as {@code 0x08.8.8.8}. */
    public static final String INVALID_URL = "invalid_url";
    /** The host is (or resolves to, or redirects to) a loopback, private, link-local, … address. */
    public static final String FORBIDDEN_ADDRESS = "forbidden_address";
    /** The host name does not resolve. */
    public static final String UNKNOWN_HOST = "unknown_host";
    /** More redirects than allowed, or a redirect without a usable {@code Location}. */
    public static final String TOO_MANY_REDIRECTS = "too_many_redirects";
    /** The body (or the decoded picture) is larger than allowed. */
    public static final String TOO_LARGE = "too_large";
    /** Connecting, waiting for data or the whole fetch took longer than allowed. */
    public static final String TIMEOUT = "timeout";
    /** The content type is not a supported image type, or the body does not decode as one. */
    public static final String NOT_AN_IMAGE = "not_an_image";
    /** A media download's content type is not video, audio, image or {@code application/octet-stream}. */
    public static final String NOT_MEDIA = "invalid_media";
    /** A stored-asset reference ({@code kiln-asset:}) of another account, or not an output of an account. */
    public static final String FORBIDDEN_ASSET = "forbidden_asset";
    /** A stored-asset reference names no stored object. */
    public static final String ASSET_NOT_FOUND = "asset_not_found";
    /** The server answered with a status other than 2xx / a followed redirect. */
    public static final String HTTP_ERROR = "http_error";
    /** Any other network failure (connection refused, TLS failure, reset, …). */
    public static final String FETCH_FAILED = "fetch_failed";

    private final String code;

    public ImageFetchException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ImageFetchException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public String getMessage() {
        return code + ": " + super.getMessage();
    }
}
