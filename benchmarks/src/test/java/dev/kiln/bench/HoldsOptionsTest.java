package dev.kiln.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldsOptionsTest {

    @Test
    void defaultsStartEverythingHere() {
        HoldsOptions o = HoldsOptions.parse(new String[0]);
        assertThat(o.accounts()).isEqualTo(50);
        assertThat(o.holds()).isEqualTo(20_000);
        assertThat(o.warmup()).isEqualTo(2_000);
        assertThat(o.total()).isEqualTo(22_000);
        assertThat(o.price()).isEqualTo(4);
        assertThat(o.rate()).isZero();
        assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.ownInfrastructure()).isTrue();
        assertThat(o.ownBilling()).isTrue();
        assertThat(o.logDir().endsWith(java.nio.file.Path.of("benchmarks", "target", "holds-load"))).isTrue();
    }

    @Test
    void aRunningBillingOrInfrastructureMustBeOnThisMachine() {
        HoldsOptions running = HoldsOptions.parse(new String[]{"--kafka", "127.0.0.1:9092", "--billing-url",
                "http://localhost:8081/", "--holds=5000", "--accounts", "10"});
        assertThat(running.ownInfrastructure()).isFalse();
        assertThat(running.ownBilling()).isFalse();
        assertThat(running.billingUrl().toString()).isEqualTo("http://localhost:8081");
        HoldsOptions onDb = HoldsOptions.parse(new String[]{"--kafka", "localhost:9092", "--db-url",
                "jdbc:postgresql://127.0.0.1:5432/kiln"});
        assertThat(onDb.ownBilling()).isTrue();
        assertThat(onDb.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/kiln");

        for (String[] refused : new String[][]{
                {"--kafka", "10.0.0.5:9092", "--billing-url", "http://localhost:8081"},
                {"--kafka", "localhost:9092,broker.example.com:9092", "--billing-url", "http://localhost:8081"},
                {"--kafka", "localhost:9092", "--db-url", "jdbc:postgresql://db.example.com:5432/kiln"},
                {"--kafka", "localhost:9092", "--billing-url", "http://192.168.1.2:8081"},
                {"--kafka", "localhost"},
                {"--kafka", "localhost:9092"},
                {"--billing-url", "http://localhost:8081"},
                {"--kafka", "localhost:9092", "--db-url", "jdbc:postgresql://localhost/kiln", "--billing-url",
                        "http://localhost:8081"},
                {"--holds", "0"},
                {"--accounts", "x"},
                {"--timeout", "2h"},
                {"--unknown", "1"}}) {
            assertThatThrownBy(() -> HoldsOptions.parse(refused)).as(String.join(" ", refused))
                    .isInstanceOf(LoadOptions.UsageException.class);
        }
    }
}
