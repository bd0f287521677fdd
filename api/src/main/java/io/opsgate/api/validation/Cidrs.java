package io.opsgate.api.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 and IPv6 CIDR blocks, parsed without ever touching DNS. */
public final class Cidrs {
    private Cidrs() {
    }

    /** A parsed block: the network address bytes and the prefix length. */
    public record Block(byte[] network, int prefix) {
        /** Whether the address lies in this block. Different families never match. */
        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            byte[] n = network;
            if (a.length != n.length) {
                if (a.length == 16 && n.length == 4 && isMappedV4(a)) {
                    a = java.util.Arrays.copyOfRange(a, 12, 16);
                } else {
                    return false;
                }
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != n[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (n[full] & mask);
        }

        private static boolean isMappedV4(byte[] a) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return false;
                }
            }
            return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        }
    }

    /**
     * Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a /32 or /128.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Block parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty CIDR");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr, text);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("^[0-9]{1,3}$")) {
                throw new IllegalArgumentException("\"" + text + "\" has an invalid prefix length");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length " + prefix + " exceeds " + max);
            }
        }
        return new Block(bytes, prefix);
    }

    /** Parses an IP address literal; never resolves a name. */
    public static InetAddress address(String text) {
        try {
            return InetAddress.getByAddress(literal(text, text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
    }

    private static byte[] literal(String addr, String whole) {
        if (addr.matches("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")) {
            String[] parts = addr.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw new IllegalArgumentException("\"" + whole + "\" is not a valid IPv4 CIDR");
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (addr.contains(":") && addr.matches("^[0-9a-fA-F:.]+$")) {
            try {
                // Only literals reach here (hex digits, colons, dots), so no name lookup happens.
                return InetAddress.getByName(addr).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("\"" + whole + "\" is not a valid IPv6 CIDR");
            }
        }
        throw new IllegalArgumentException("\"" + whole + "\" is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
    }
}
