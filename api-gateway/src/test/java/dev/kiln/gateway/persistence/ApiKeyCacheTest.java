package dev.kiln.gateway.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached form of a key round-trips; other formats read as a miss. */
class ApiKeyCacheTest {

    @Test
    void cachedKeysRoundTripAndOldFormatsAreMisses() {
        var key = new ApiKeyCache.CachedKey("acc_1", "scale", "key_1", false, Instant.parse("2030-01-01T00:00:00Z"),
                List.of("image-01"), 40L);
        assertThat(ApiKeyCache.CachedKey.decode(key.encode())).isEqualTo(key);
        var plain = new ApiKeyCache.CachedKey("acc_1", "free", "key_2", true, null, null, null);
        assertThat(ApiKeyCache.CachedKey.decode(plain.encode())).isEqualTo(plain);
        assertThat(ApiKeyCache.CachedKey.decode("acc_1 scale")).isNull();
        assertThat(ApiKeyCache.CachedKey.decode("{\"plan\":\"scale\"}")).isNull();
        assertThat(ApiKeyCache.CachedKey.decode(null)).isNull();
    }
}
