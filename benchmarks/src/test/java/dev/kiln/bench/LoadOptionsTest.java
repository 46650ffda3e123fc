package dev.kiln.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsTest {

    @Test
    void acceptsOnlyLoopbackUrls() {
        assertThat(LoadOptions.loopbackOnly("http://localhost:8080/").toString()).isEqualTo("http://localhost:8080");
        assertThat(LoadOptions.loopbackOnly("http://127.0.0.1:9000").toString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(LoadOptions.loopbackOnly("http://[::1]:8080").toString()).isEqualTo("http://[::1]:8080");
        for (String refused : new String[]{"http://example.com", "http://10.0.0.1:8080", "http://localhost.example.com",
                "http://127.0.0.1.nip.io", "http://user@localhost:8080", "ftp://localhost", "http://128.0.0.1",
                "http://127.0.0.300", "localhost:8080"}) {
            assertThatThrownBy(() -> LoadOptions.loopbackOnly(refused)).as(refused)
                    .isInstanceOf(LoadOptions.UsageException.class);
        }
    }

    @Test
    void parsesOptionsAndBoundsTheRun() {
        LoadOptions o = LoadOptions.parse(new String[]{"--url", "http://localhost:8080", "--key=k", "--rate", "500",
                "--duration", "30s", "--warmup", "10s", "--connections", "64"}, Map.of());
        assertThat(o.measuredRequests()).isEqualTo(15_000);
        assertThat(o.warmupRequests()).isEqualTo(5_000);
        assertThat(o.intervalNanos()).isEqualTo(2_000_000);
        assertThat(o.connections()).isEqualTo(64);
        assertThat(LoadOptions.parseDuration("--d", "1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(LoadOptions.parseDuration("--d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> LoadOptions.parse(new String[]{"--url", "http://localhost", "--key", "k", "--duration", "2h"}, Map.of()))
                .isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> LoadOptions.parse(new String[]{"--url", "http://localhost", "--key", "k", "--rate", "0"}, Map.of()))
                .isInstanceOf(LoadOptions.UsageException.class);
    }

    @Test
    void defaultsComeFromTheEnvironmentThenTheEnvFile() throws Exception {
        Path file = Files.createTempFile("local", ".env");
        Files.writeString(file, "# comment\nKILN_URL=http://localhost:18080\nKILN_API_KEY=kiln_sk_file\n");
        LoadOptions fromFile = LoadOptions.parse(new String[]{"--env-file", file.toString()}, Map.of());
        assertThat(fromFile.gateway().toString()).isEqualTo("http://localhost:18080");
        assertThat(fromFile.apiKey()).isEqualTo("kiln_sk_file");
        LoadOptions fromEnv = LoadOptions.parse(new String[]{"--env-file", file.toString()}, Map.of("KILN_API_KEY", "kiln_sk_env"));
        assertThat(fromEnv.apiKey()).isEqualTo("kiln_sk_env");
        assertThatThrownBy(() -> LoadOptions.parse(new String[]{"--env-file", file.toString()}, Map.of("KILN_URL", "http://203.0.113.5")))
                .hasMessageContaining("Refusing");
        Files.delete(file);
    }
}
