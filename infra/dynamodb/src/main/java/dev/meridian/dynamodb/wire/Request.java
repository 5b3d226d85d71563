package dev.meridian.dynamodb.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 request head read from a connection, and its body. */
final class Request {

    /** The bytes on the connection are not HTTP this server accepts; the connection is dropped. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private final String method;
    private final String version;
    private final Map<String, String> headers;

    private Request(String method, String version, Map<String, String> headers) {
        this.method = method;
        this.version = version;
        this.headers = headers;
    }

    String method() {
        return method;
    }

    /** A header by its lower-case name, or null. */
    String header(String lowerName) {
        return headers.get(lowerName);
    }

    boolean keepAlive() {
        String c = headers.get("connection");
        if (c != null) {
            String v = c.toLowerCase(Locale.ROOT);
            if (v.contains("close")) return false;
            if (v.contains("keep-alive")) return true;
        }
        return !"HTTP/1.0".equals(version);
    }

    boolean expectContinue() {
        String e = headers.get("expect");
        return e != null && e.equalsIgnoreCase("100-continue");
    }

    /** Reads the next request head; null when the connection ends cleanly before one starts. */
    static Request read(Input in, int maxHead) throws IOException {
        String line = in.line(maxHead, true);
        while (line != null && line.isEmpty()) {
            line = in.line(maxHead, true); // tolerate blank lines between requests
        }
        if (line == null) return null;
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("not an HTTP/1.x request line: " + line);
        }
        Map<String, String> headers = new HashMap<>();
        int total = line.length();
        while (true) {
            String h = in.line(maxHead, false);
            if (h.isEmpty()) break;
            total += h.length();
            if (total > maxHead) throw new BadRequest("request head larger than " + maxHead + " bytes");
            int colon = h.indexOf(':');
            if (colon <= 0) throw new BadRequest("malformed header line: " + h);
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + "," + b);
        }
        return new Request(parts[0], parts[2], headers);
    }

    /** The body: Content-Length bytes, or the chunks of a chunked body. */
    byte[] body(Input in, int maxBody) throws IOException {
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = in.line(1024, false);
                int semi = size.indexOf(';');
                int n;
                try {
                    n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad chunk size: " + size);
                }
                if (n == 0) {
                    while (!in.line(8192, false).isEmpty()) {
                        // trailers are ignored
                    }
                    return out.toByteArray();
                }
                if (out.size() + n > maxBody) throw new BadRequest("request body larger than " + maxBody + " bytes");
                out.write(in.bytes(n));
                in.line(16, false);
            }
        }
        String cl = headers.get("content-length");
        if (cl == null) return new byte[0];
        long n;
        try {
            n = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("bad Content-Length: " + cl);
        }
        if (n < 0 || n > maxBody) throw new BadRequest("request body of " + n + " bytes is not accepted");
        return in.bytes((int) n);
    }
}
