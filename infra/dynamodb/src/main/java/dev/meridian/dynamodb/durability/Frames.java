package dev.meridian.dynamodb.durability;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * The framing of the log and the snapshot: {@code [int length][int crc32(payload)][payload]},
 * big-endian. A reader stops at the first frame that is incomplete or fails its check; what lies
 * before it is intact.
 */
final class Frames {

    /** No frame is larger (a transaction of 100 items of 400 KB is 40 MB). */
    static final int MAX_PAYLOAD = 128 * 1024 * 1024;
    static final int HEADER = 8;

    private Frames() {
    }

    static int crc(byte[] payload, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    /** Writes the frame header for {@code payload[offset..offset+length)} into {@code header}. */
    static void header(byte[] header, byte[] payload, int offset, int length) {
        ByteBuffer.wrap(header).putInt(length).putInt(crc(payload, offset, length));
    }

    /** One frame read back: its payload and the file offset just after it. */
    record Frame(byte[] payload, long end) {
    }

    /**
     * Why reading stopped: the end of the file, or a frame that is torn or corrupt at {@code offset}.
     * {@code tornTail}: the bad frame can only be the write a dying process was making — it is cut
     * short by the end of the file, is the file's last frame, or only zero bytes follow (the
     * unwritten tail of a file after a power loss). Anything else is corruption.
     */
    record Stop(long offset, String reason, boolean tornTail) {
        Stop(long offset, String reason) {
            this(offset, reason, true);
        }

        boolean clean() {
            return reason == null;
        }
    }

    /** Reads frames from {@code channel} starting at {@code position}. */
    static final class Reader {
        private final FileChannel channel;
        private final long size;
        private long position;
        private Stop stop;

        Reader(FileChannel channel, long position) throws IOException {
            this.channel = channel;
            this.size = channel.size();
            this.position = position;
        }

        /** The next intact frame, or null (then {@link #stop()} says why). */
        Frame next() throws IOException {
            if (stop != null) {
                return null;
            }
            if (position == size) {
                stop = new Stop(position, null);
                return null;
            }
            if (size - position < HEADER) {
                stop = new Stop(position, "a frame header cut short (" + (size - position) + " of 8 bytes)");
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(header, position);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length <= 0 || length > MAX_PAYLOAD) {
                stop = new Stop(position, "an impossible frame length " + length, zerosFrom(position));
                return null;
            }
            if (size - position - HEADER < length) {
                stop = new Stop(position, "a frame cut short (" + (size - position - HEADER) + " of " + length + " bytes)");
                return null;
            }
            byte[] payload = new byte[length];
            readFully(ByteBuffer.wrap(payload), position + HEADER);
            if (crc(payload, 0, length) != crc) {
                boolean last = position + HEADER + length == size;
                stop = new Stop(position, "a frame whose CRC32 does not match", last || zerosFrom(position + HEADER));
                return null;
            }
            position += HEADER + length;
            return new Frame(payload, position);
        }

        Stop stop() {
            return stop;
        }

        /** True when every byte from {@code from} to the end of the file is zero. */
        private boolean zerosFrom(long from) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            long p = from;
            while (p < size) {
                b.clear();
                int n = channel.read(b, p);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (b.get(i) != 0) {
                        return false;
                    }
                }
                p += n;
            }
            return true;
        }

        private void readFully(ByteBuffer buffer, long at) throws IOException {
            long p = at;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, p);
                if (n < 0) {
                    throw new EOFException("file ended at " + p + " while reading a frame");
                }
                p += n;
            }
        }
    }
}
