package dev.kiln.contracts.assets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed asset URL scheme shared by the services that hand out output URLs (api-gateway,
 * webhook-dispatcher) and the one that serves them (asset-store):
 *
 * <pre>{base}/v1/assets/{object key}?expires={epoch seconds}&amp;signature={base64url(HMAC-SHA256(key, object key + "\n" + expires))}</pre>
 *
 * All three are configured with the same signing key; no service asks another.
 */
public final class AssetUrls {
    public static final String PATH_PREFIX = "/v1/assets/";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public AssetUrls(String signingKey) {
        if (signingKey == null || signingKey.length() < 16) {
            throw new IllegalArgumentException("The asset signing key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A URL for {@code objectKey} that asset-store accepts until {@code expiresAt}. */
    public String sign(String baseUrl, String objectKey, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + PATH_PREFIX + encodePath(objectKey) + "?expires=" + expires + "&signature=" + signature(objectKey, expires);
    }

    /** Whether {@code signature} is valid for the object and has not expired at {@code now}. */
    public Verdict verify(String objectKey, String expires, String signature, Instant now) {
        if (objectKey == null || expires == null || signature == null) {
            return Verdict.INVALID;
        }
        long exp;
        try {
            exp = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        byte[] expected = signature(objectKey, exp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        return now.getEpochSecond() > exp ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String objectKey, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((objectKey + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encodePath(String objectKey) {
        StringBuilder out = new StringBuilder();
        for (String segment : objectKey.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    /** Scheme of a stored-asset reference inside job events: {@code kiln-asset:<object key>}. */
    public static final String REFERENCE_SCHEME = "kiln-asset:";

    /**
     * The object key of a signed asset URL this platform handed out, if {@code url} is one: it starts
     * with {@code baseUrl} + {@value #PATH_PREFIX} and carries a signature made with this key (an
     * <em>expired</em> signature still proves the URL came from here). Anything else is empty: it is
     * an ordinary URL, fetched like any other.
     */
    public Optional<String> objectKeyOf(String baseUrl, String url) {
        if (baseUrl == null || baseUrl.isBlank() || url == null) {
            return Optional.empty();
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String prefix = base + PATH_PREFIX;
        if (!url.startsWith(prefix)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.substring(prefix.length() - 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String rawPath = uri.getRawPath();
        String query = uri.getRawQuery();
        if (rawPath == null || query == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder();
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(URLDecoder.decode(segment, StandardCharsets.UTF_8));
        }
        String expires = null;
        String signature = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.equals("expires")) {
                expires = value;
            } else if (name.equals("signature")) {
                signature = value;
            }
        }
        String objectKey = key.toString();
        if (objectKey.isEmpty() || objectKey.contains("..")) {
            return Optional.empty();
        }
        return verify(objectKey, expires, signature, Instant.EPOCH) == Verdict.INVALID
                ? Optional.empty() : Optional.of(objectKey);
    }

    /** The reference to a stored object that job events carry instead of its URL. */
    public static String reference(String objectKey) {
        return REFERENCE_SCHEME + objectKey;
    }

    /** Whether {@code value} is a {@link #reference stored-asset reference}. */
    public static boolean isReference(String value) {
        return value != null && value.startsWith(REFERENCE_SCHEME);
    }

    /** The object key of a {@link #reference stored-asset reference}. */
    public static String objectKeyOfReference(String reference) {
        if (!isReference(reference)) {
            throw new IllegalArgumentException("not a stored-asset reference: " + reference);
        }
        return reference.substring(REFERENCE_SCHEME.length());
    }

    /**
     * The account an output object belongs to: {@code outputs/<account>/<job>/<file>} → account;
     * empty for any other key.
     */
    public static Optional<String> accountOf(String objectKey) {
        String[] parts = objectKey == null ? new String[0] : objectKey.split("/", -1);
        return parts.length == 4 && parts[0].equals("outputs") && !parts[1].isEmpty()
                ? Optional.of(parts[1]) : Optional.empty();
    }

    /** Outcome of {@link #verify}. */
    public enum Verdict { VALID, INVALID, EXPIRED }
}
