package dev.kiln.workers.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressPolicyTest {
    @ParameterizedTest
    @CsvSource({
            "2130706433, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "0x7f.1, 127.0.0.1", "0x7F000001, 127.0.0.1",
            "127.1, 127.0.0.1", "127.0.1, 127.0.0.1", "017700000001, 127.0.0.1", "0, 0.0.0.0",
            "0xa9.0xfe.0xa9.0xfe, 169.254.169.254", "10.0.0.1., 10.0.0.1", "8.8.8.8, 8.8.8.8", "0x.0.0.0, 0.0.0.0",
    })
    void numericHostsAreReadLikeBrowsersDo(String host, String address) {
        assertThat(AddressPolicy.parseNumericIpv4(host).getHostAddress()).isEqualTo(address);
    }

    @Test
    void namesAreNotNumeric() {
        assertThat(AddressPolicy.parseNumericIpv4("example.com")).isNull();
        assertThat(AddressPolicy.parseNumericIpv4("1e100.net")).isNull();
        assertThat(AddressPolicy.parseNumericIpv4("0x7f.example")).isNull();
        assertThatThrownBy(() -> AddressPolicy.parseNumericIpv4("example.08")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.parseNumericIpv4("4294967296")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AddressPolicy.isCanonicalIpv4("93.184.216.34")).isTrue();
        assertThat(AddressPolicy.isCanonicalIpv4("093.184.216.34")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.0", "100.63.255.255",
            "100.128.0.0", "169.253.255.255", "192.167.255.255", "223.255.255.255", "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(AddressPolicy.whyForbidden(InetAddress.getByName(address))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.0.1", "100.64.0.1", "169.254.169.254",
            "0.0.0.0", "224.0.0.251", "255.255.255.255", "198.18.0.1", "192.0.2.1", "::1", "::", "fc00::1",
            "fdff::1", "fe80::1", "ff05::2", "::ffff:127.0.0.1", "::ffff:192.168.0.1", "64:ff9b::a00:1",
            "2002:a00:1::1", "2001::1", "2001:db8::1", "::7f00:1"})
    void internalAddressesAreRefused(String address) throws Exception {
        assertThat(AddressPolicy.whyForbidden(InetAddress.getByName(address))).isNotNull();
    }
}
