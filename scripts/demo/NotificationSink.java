import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's notification receiver (scripts/run-standalone): a local HTTP endpoint for the demo's signed webhook
 * channel that checks each notification's HMAC signature and prints what a person on call would read: status,
 * title, ticket and its link. JDK only, run as a single-file program:
 * {@code java NotificationSink.java <host:port> <hmac key file>} (port 0 picks a free one); prints
 * {@code sink listening on http://<host>:<port>/opsgate} first.
 */
public final class NotificationSink {

    private static final Pattern FIELD = Pattern.compile("\"(status|title|url|id|priority)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|\\d+)");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java NotificationSink.java <host:port> <hmac key file>");
            System.exit(2);
        }
        String host = args[0].substring(0, args[0].lastIndexOf(':'));
        int port = Integer.parseInt(args[0].substring(args[0].lastIndexOf(':') + 1));
        byte[] key = Files.readString(Path.of(args[1])).strip().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/opsgate", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Opsgate-Signature");
            boolean valid = signature != null && MessageDigest.isEqual(
                    signature.getBytes(StandardCharsets.UTF_8), sign(key, body).getBytes(StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(valid ? 200 : 401, -1);
            exchange.close();
            System.out.println("[sink] " + (valid ? "" : "REFUSED (bad signature) ") + summary(new String(body, StandardCharsets.UTF_8)));
            System.out.flush();
        });
        server.start();
        System.out.println("sink listening on http://" + host + ":" + server.getAddress().getPort() + "/opsgate");
        System.out.flush();
    }

    /** The fields a person reads first, from the webhook channel's JSON, in the order they appear. */
    private static String summary(String json) {
        StringBuilder s = new StringBuilder("notification:");
        Matcher m = FIELD.matcher(json);
        boolean inTicket = false;
        while (m.find()) {
            String name = m.group(1);
            String value = m.group(3) != null ? m.group(3) : m.group(2);
            if (name.equals("id")) {
                inTicket = true;
                s.append(" ticket #").append(value);
            } else if (name.equals("status") && s.indexOf(" status=") < 0) {
                s.append(" status=").append(value);
            } else if (name.equals("title") && s.indexOf(" title=") < 0) {
                s.append(" title=\"").append(value).append('"');
            } else if (inTicket && (name.equals("priority") || name.equals("url"))) {
                s.append(' ').append(name).append('=').append(value);
            }
        }
        return s.toString();
    }

    private static String sign(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
