package dev.kiln.workers.render;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses an image fetch may connect to: public unicast only. Refused:
 * <ul>
 *   <li>IPv4: {@code 0.0.0.0/8} (unspecified, "this network"), {@code 10/8}, {@code 172.16/12},
 *       {@code 192.168/16} (private), {@code 100.64/10} (carrier-grade NAT), {@code 127/8} (loopback),
 *       {@code 169.254/16} (link-local, cloud metadata {@code 169.254.169.254}), {@code 192.0.0/24}
 *       (IETF protocol assignments), {@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24}
 *       (documentation), {@code 198.18/15} (benchmarking), {@code 224/4} (multicast), {@code 240/4}
 *       (reserved, broadcast);</li>
 *   <li>IPv6: {@code ::} (unspecified), {@code ::1} (loopback), {@code fc00::/7} (unique local),
 *       {@code fe80::/10} (link-local), {@code fec0::/10} (site-local), {@code ff00::/8} (multicast),
 *       {@code 100::/64} (discard), {@code 2001:db8::/32} (documentation), {@code 2001::/32}
 *       (Teredo), {@code ::/96} (IPv4-compatible), {@code 64:ff9b:1::/48} (local NAT64);</li>
 *   <li>addresses that embed an IPv4 address — IPv4-mapped {@code ::ffff:a.b.c.d}, NAT64
 *       {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::} — are judged by that IPv4 address.</li>
 * </ul>
 */
public final class AddressPolicy {
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)[0-9]+|0x[0-9a-f]*");

    private AddressPolicy() {
    }

    /** Why {@code address} may not be connected to, or {@code null} when it may. */
    public static String whyForbidden(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return whyForbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            return whyForbiddenV6(b);
        }
        return "not an IP address";
    }

    private static String whyForbiddenV4(byte[] b) {
        int v = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (in(v, 0x00000000, 8)) {
            return "unspecified (0.0.0.0/8)";
        }
        if (in(v, 0x7F000000, 8)) {
            return "loopback (127.0.0.0/8)";
        }
        if (in(v, 0x0A000000, 8) || in(v, 0xAC100000, 12) || in(v, 0xC0A80000, 16)) {
            return "private (RFC 1918)";
        }
        if (in(v, 0x64400000, 10)) {
            return "carrier-grade NAT (100.64.0.0/10)";
        }
        if (in(v, 0xA9FE0000, 16)) {
            return "link-local (169.254.0.0/16, cloud metadata)";
        }
        if (in(v, 0xC0000000, 24)) {
            return "IETF protocol assignments (192.0.0.0/24)";
        }
        if (in(v, 0xC0000200, 24) || in(v, 0xC6336400, 24) || in(v, 0xCB007100, 24)) {
            return "documentation range";
        }
        if (in(v, 0xC6120000, 15)) {
            return "benchmarking (198.18.0.0/15)";
        }
        if (in(v, 0xE0000000, 4)) {
            return "multicast (224.0.0.0/4)";
        }
        if (in(v, 0xF0000000, 4)) {
            return "reserved or broadcast (240.0.0.0/4)";
        }
        return null;
    }

    private static String whyForbiddenV6(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            String inner = whyForbiddenV4(new byte[]{b[12], b[13], b[14], b[15]});
            return inner == null ? null : "IPv4-mapped " + inner;
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            boolean last4Zero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (last4Zero && b[15] == 0) {
                return "unspecified (::)";
            }
            if (last4Zero && b[15] == 1) {
                return "loopback (::1)";
            }
            return "IPv4-compatible (::/96, deprecated)";
        }
        int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int w2 = ((b[4] & 0xFF) << 8) | (b[5] & 0xFF);
        if ((w0 & 0xFE00) == 0xFC00) {
            return "unique local (fc00::/7)";
        }
        if ((w0 & 0xFFC0) == 0xFE80) {
            return "link-local (fe80::/10)";
        }
        if ((w0 & 0xFFC0) == 0xFEC0) {
            return "site-local (fec0::/10)";
        }
        if ((w0 & 0xFF00) == 0xFF00) {
            return "multicast (ff00::/8)";
        }
        if (w0 == 0x0100 && w1 == 0 && w2 == 0 && b[6] == 0 && b[7] == 0) {
            return "discard (100::/64)";
        }
        if (w0 == 0x2001 && w1 == 0x0DB8) {
            return "documentation (2001:db8::/32)";
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return "Teredo (2001::/32)";
        }
        if (w0 == 0x0064 && w1 == 0xFF9B) {
            if (w2 == 0x0001) {
                return "local-use NAT64 (64:ff9b:1::/48)";
            }
            String inner = whyForbiddenV4(new byte[]{b[12], b[13], b[14], b[15]});
            return inner == null ? null : "NAT64 of " + inner;
        }
        if (w0 == 0x2002) {
            String inner = whyForbiddenV4(new byte[]{b[2], b[3], b[4], b[5]});
            return inner == null ? null : "6to4 of " + inner;
        }
        return null;
    }

    private static boolean in(int v, int network, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (v & mask) == (network & mask);
    }

    /**
     * Reads a host whose last label is a number the way browsers and {@code inet_aton} do: one to
     * four parts, each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}), the last part
     * filling the remaining bytes — so {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1} and
     * {@code 127.1} are all {@code 127.0.0.1}.
     *
     * @return the address, or {@code null} when the host is a name (its last label is not numeric)
     * @throws IllegalArgumentException when the last label is numeric but the host is no IPv4 address
     */
    public static Inet4Address parseNumericIpv4(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (!NUMERIC_LABEL.matcher(parts[parts.length - 1]).matches()) {
            return null;
        }
        if (parts.length > 4) {
            throw new IllegalArgumentException("'" + host + "' has more than four numeric parts");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = part(parts[i], host);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                throw new IllegalArgumentException("'" + host + "' has a part above 255");
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        if (last >= (1L << (8 * (5 - parts.length)))) {
            throw new IllegalArgumentException("'" + host + "' is out of the IPv4 range");
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code host} is written as a plain dotted quad ({@code 93.184.216.34}, no leading zeros). */
    public static boolean isCanonicalIpv4(String host) {
        Inet4Address parsed;
        try {
            parsed = parseNumericIpv4(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return parsed != null && parsed.getHostAddress().equals(host);
    }

    private static long part(String p, String host) {
        try {
            String s = p.toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' has an empty part");
            }
            if (s.startsWith("0x")) {
                return s.length() == 2 ? 0 : Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseLong(s.substring(1), 8);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + host + "' has a part that is not a number: '" + p + "'");
        }
    }
}
