package dev.kiln.gateway.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreferWaitParsingTest {

    @Test
    void parsesTheWaitPreference() {
        assertThat(PreferWait.seconds("wait=10", 60)).isEqualTo(10);
        assertThat(PreferWait.seconds("WAIT = 5", 60)).isEqualTo(5);
        assertThat(PreferWait.seconds("respond-async, wait=7; x=y", 60)).isEqualTo(7);
        assertThat(PreferWait.seconds("wait=\"12\"", 60)).isEqualTo(12);
        assertThat(PreferWait.seconds("wait=61", 60)).isEqualTo(60);
        assertThat(PreferWait.seconds("wait=99999999999999999999", 60)).isEqualTo(60);
        for (String ignored : new String[]{null, "", "respond-async", "wait", "wait=", "wait=-1", "wait=1.5",
                "wait=soon", "wait=0", "handling=lenient"}) {
            assertThat(PreferWait.seconds(ignored, 60)).as(ignored).isZero();
        }
    }
}
