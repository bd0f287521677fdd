package io.opsgate.engine.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny authoritative DNS server over UDP on 127.0.0.1 for monitor tests: A and TXT records from a map,
 * NXDOMAIN for anything else. Enough of RFC 1035 for one question per query.
 */
public final class FakeDnsServer implements AutoCloseable {
    private static final int TYPE_A = 1;
    private static final int TYPE_TXT = 16;

    private final DatagramSocket socket;
    private final Map<String, List<String>> a = new ConcurrentHashMap<>();
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Thread thread;

    public FakeDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public FakeDnsServer a(String name, String... addresses) {
        a.put(name.toLowerCase(Locale.ROOT), List.of(addresses));
        return this;
    }

    public FakeDnsServer txt(String name, String... values) {
        txt.put(name.toLowerCase(Locale.ROOT), List.of(values));
        return this;
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] answer = answer(buf, p.getLength());
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private byte[] answer(byte[] q, int length) throws IOException {
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (pos < length && q[pos] != 0) {
            int n = q[pos] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, pos + 1, n, StandardCharsets.US_ASCII));
            pos += n + 1;
        }
        pos++;
        int type = ((q[pos] & 0xff) << 8) | (q[pos + 1] & 0xff);
        int questionEnd = pos + 4;
        String key = name.toString().toLowerCase(Locale.ROOT);
        List<String> records = type == TYPE_A ? a.get(key) : type == TYPE_TXT ? txt.get(key) : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q, 0, 2);
        boolean known = a.containsKey(key) || txt.containsKey(key);
        out.write(0x81);
        out.write(known ? 0x80 : 0x83);
        int answers = records == null ? 0 : records.size();
        out.write(new byte[]{0, 1, 0, (byte) answers, 0, 0, 0, 0});
        out.write(q, 12, questionEnd - 12);
        for (int i = 0; i < answers; i++) {
            out.write(new byte[]{(byte) 0xc0, 12, 0, (byte) type, 0, 1, 0, 0, 0, 60});
            byte[] data;
            if (type == TYPE_A) {
                data = InetAddress.getByName(records.get(i)).getAddress();
            } else {
                byte[] text = records.get(i).getBytes(StandardCharsets.UTF_8);
                data = new byte[text.length + 1];
                data[0] = (byte) text.length;
                System.arraycopy(text, 0, data, 1, text.length);
            }
            out.write(new byte[]{(byte) (data.length >> 8), (byte) data.length});
            out.write(data);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
