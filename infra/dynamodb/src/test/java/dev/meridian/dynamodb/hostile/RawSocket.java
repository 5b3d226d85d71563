package dev.meridian.dynamodb.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bytes below HTTP: what no HTTP client library would send (bad framing). Writes them on a fresh
 * connection, half-closes it, and reads whatever comes back until the server closes or
 * {@code timeoutMillis} pass.
 */
final class RawSocket {

    private RawSocket() {
    }

    /** What came back: the bytes, and whether the server neither answered in full nor closed in time. */
    record Reply(String text, boolean timedOut) {

        /** The status code of the first status line, or -1 if nothing HTTP came back. */
        int status() {
            if (!text.startsWith("HTTP/1.")) return -1;
            String[] parts = text.split(" ", 3);
            try {
                return Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }

    static Reply exchange(URI endpoint, byte[] bytes, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            s.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
            } catch (SocketTimeoutException stillOpen) {
                return new Reply(got.toString(StandardCharsets.ISO_8859_1), true);
            } catch (IOException reset) {
                // a reset after the server gave up on the bytes counts as a close
            }
            return new Reply(got.toString(StandardCharsets.ISO_8859_1), false);
        } catch (IOException e) {
            throw new AssertionError("could not talk to " + endpoint + ": " + e, e);
        }
    }
}
