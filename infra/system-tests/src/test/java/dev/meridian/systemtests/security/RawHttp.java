package dev.meridian.systemtests.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that tests can send what {@code java.net.http} refuses to:
 * raw request targets ({@code /products/%zz}, {@code /products/..%2f}), control characters in
 * header values, bodies that disagree with their content type.
 */
final class RawHttp {

    record Response(int status, String head, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private RawHttp() {
    }

    static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            request.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            String responseHead = headEnd < 0 ? text : text.substring(0, headEnd);
            String responseBody = headEnd < 0 ? "" : text.substring(headEnd + 4);
            String[] statusLine = responseHead.split("\r\n", 2)[0].split(" ");
            if (statusLine.length < 2) {
                throw new IllegalStateException("no HTTP status line in the answer to " + method + " " + target + ": " + text);
            }
            return new Response(Integer.parseInt(statusLine[1]), responseHead, responseBody);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }
}
