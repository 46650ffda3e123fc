package dev.kiln.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers and secrets: ids, API keys and webhook secrets.
 *
 * <p><b>Why API keys are stored as plain SHA-256:</b> a key is 32 characters drawn uniformly from
 * 62 by a CSPRNG, i.e. about 190 bits of entropy. Slow, salted hashes (bcrypt, Argon2) exist to
 * make guessing <em>low-entropy</em> human passwords expensive; against a 190-bit random token a
 * brute-force or dictionary attack is hopeless whatever the hash speed, so stretching adds nothing
 * but latency on every request. A fast, unsalted, deterministic hash also lets the gateway look a
 * key up by its hash (unique index, Redis cache key) instead of scanning and comparing. A leaked
 * table of hashes therefore does not yield usable keys.
 */
public final class Tokens {
    public static final String API_KEY_PREFIX = "kiln_sk_";
    public static final int API_KEY_RANDOM_CHARS = 32;
    /** Characters of a key shown in listings (e.g. {@code kiln_sk_AbCd}). */
    public static final int DISPLAY_PREFIX_LENGTH = 12;

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new API key: {@code kiln_sk_} + 32 random base62 characters. */
    public static String newApiKey() {
        return API_KEY_PREFIX + random(BASE62, API_KEY_RANDOM_CHARS);
    }

    /** Whether {@code candidate} has the shape of an API key (cheap pre-check before hashing). */
    public static boolean looksLikeApiKey(String candidate) {
        if (candidate == null || candidate.length() != API_KEY_PREFIX.length() + API_KEY_RANDOM_CHARS
                || !candidate.startsWith(API_KEY_PREFIX)) {
            return false;
        }
        for (int i = API_KEY_PREFIX.length(); i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case hex SHA-256 of the key: the only form in which a key is stored. */
    public static String hashApiKey(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String displayPrefix(String apiKey) {
        return apiKey.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    /** A Standard Webhooks secret: {@code whsec_} + base64 of 24 random bytes. */
    public static String newWebhookSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** A new id such as {@code acc_…} or {@code img_…}: prefix + 24 random lower-case base32 characters. */
    public static String newId(String prefix) {
        return prefix + "_" + random(BASE32_LOWER, 24);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
