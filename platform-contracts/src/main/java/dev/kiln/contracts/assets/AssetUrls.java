package dev.kiln.contracts.assets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

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

    /** Outcome of {@link #verify}. */
    public enum Verdict { VALID, INVALID, EXPIRED }
}
