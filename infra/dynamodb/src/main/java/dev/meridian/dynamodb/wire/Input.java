package dev.meridian.dynamodb.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A connection's input, buffered without per-byte locking: lines of a request head, then body bytes. */
final class Input {

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int end;

    Input(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** Refills the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (pos < end) return true;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) return false;
        pos = 0;
        end = n;
        return true;
    }

    /**
     * A CRLF- (or LF-) terminated line in ISO-8859-1, without its terminator; null at the end of
     * the stream when nothing of a line was read and {@code eofOk}.
     */
    String line(int max, boolean eofOk) throws IOException {
        StringBuilder b = null;
        while (true) {
            if (!fill()) {
                if (eofOk && b == null) return null;
                throw new EOFException("connection closed inside a request head");
            }
            int start = pos;
            int i = start;
            while (i < end && buf[i] != '\n') i++;
            int len = i - start;
            if ((b == null ? 0 : b.length()) + len > max) {
                throw new Request.BadRequest("header line longer than " + max + " bytes");
            }
            if (i < end) {
                pos = i + 1;
                if (b == null) {
                    int l = len > 0 && buf[i - 1] == '\r' ? len - 1 : len;
                    return new String(buf, start, l, java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                b.append(new String(buf, start, len, java.nio.charset.StandardCharsets.ISO_8859_1));
                int l = b.length();
                if (l > 0 && b.charAt(l - 1) == '\r') b.setLength(l - 1);
                return b.toString();
            }
            if (b == null) b = new StringBuilder(len + 64);
            b.append(new String(buf, start, len, java.nio.charset.StandardCharsets.ISO_8859_1));
            pos = end;
        }
    }

    /** Exactly {@code n} bytes. */
    byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        int got = Math.min(n, end - pos);
        System.arraycopy(buf, pos, out, 0, got);
        pos += got;
        while (got < n) {
            int r = in.read(out, got, n - got);
            if (r < 0) throw new EOFException("connection closed inside a request body");
            got += r;
        }
        return out;
    }
}
