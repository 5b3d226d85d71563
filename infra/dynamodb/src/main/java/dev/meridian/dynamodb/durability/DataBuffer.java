package dev.meridian.dynamodb.durability;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** A growable byte buffer with a {@link DataOutputStream} over it, reused between frames. */
final class DataBuffer extends OutputStream {

    private byte[] bytes = new byte[8192];
    private int length = Frames.HEADER; // room for the frame header
    final DataOutputStream data = new DataOutputStream(this);

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Starts a new frame (keeps a large buffer from growing forever). */
    void reset() {
        if (bytes.length > 4 * 1024 * 1024) {
            bytes = new byte[8192];
        }
        length = Frames.HEADER;
    }

    /** Fills in the frame header; the frame is {@code bytes()[0..length())}. */
    void seal() {
        int payload = length - Frames.HEADER;
        if (payload > Frames.MAX_PAYLOAD) {
            throw new UncheckedIOException(new IOException("a log frame of " + payload + " bytes exceeds the limit of " + Frames.MAX_PAYLOAD));
        }
        Frames.header(bytes, bytes, Frames.HEADER, payload);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
