package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The append-only log of one generation ({@code wal-<generation>.log}): an 8-byte magic, then one
 * frame per committed write or catalog change. Each append is one {@code write} to the operating
 * system before the write is acknowledged, so a killed process loses nothing it acknowledged;
 * with {@link FsyncPolicy#ALWAYS} each append is also forced to the device (survives power loss,
 * costs a device flush per write). A failed append is cut back off the file, so the log never
 * holds a partial frame followed by good ones; if even that fails the log refuses further writes.
 */
final class WriteAheadLog implements AutoCloseable {

    static final byte[] MAGIC = {'M', 'D', 'B', 'W', 'A', 'L', '1', '\n'};

    /** When appends are forced to the device. */
    enum FsyncPolicy { NEVER, ALWAYS }

    private final Path directory;
    private final FsyncPolicy fsync;
    private final DataBuffer buffer = new DataBuffer();
    private FileChannel channel;
    private long generation;
    private long size;
    private IOException broken;

    private WriteAheadLog(Path directory, FsyncPolicy fsync) {
        this.directory = directory;
        this.fsync = fsync;
    }

    static Path file(Path directory, long generation) {
        return directory.resolve(String.format("wal-%012d.log", generation));
    }

    /** Opens generation {@code generation} for appending after its first {@code validLength} bytes (0: a new file). */
    static WriteAheadLog open(Path directory, long generation, long validLength, FsyncPolicy fsync) throws IOException {
        WriteAheadLog log = new WriteAheadLog(directory, fsync);
        log.openGeneration(generation, validLength);
        return log;
    }

    private void openGeneration(long gen, long validLength) throws IOException {
        FileChannel ch = FileChannel.open(file(directory, gen), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            if (validLength < MAGIC.length) {
                ch.truncate(0);
                writeFully(ch, ByteBuffer.wrap(MAGIC), 0);
                size = MAGIC.length;
            } else {
                if (ch.size() > validLength) {
                    ch.truncate(validLength); // a torn tail found by recovery
                }
                size = validLength;
            }
            ch.force(true);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        channel = ch;
        generation = gen;
        DataDirectory.fsync(directory);
    }

    synchronized long generation() {
        return generation;
    }

    synchronized long size() {
        return size;
    }

    synchronized void appendCatalog(String table, TableDefinition definition, long millis) {
        buffer.reset();
        try {
            LogEntries.writeCatalog(buffer.data, table, definition, millis);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a catalog log entry for " + table, e);
        }
        append();
    }

    synchronized void appendWrite(List<ItemChange> changes, boolean[] keepOld, long millis) {
        buffer.reset();
        try {
            LogEntries.writeWrite(buffer.data, changes, keepOld, millis);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a write log entry", e);
        }
        append();
    }

    private void append() {
        if (broken != null) {
            throw new UncheckedIOException("the durability log refused the write: an earlier append failed and could not be undone", broken);
        }
        buffer.seal();
        try {
            writeFully(channel, ByteBuffer.wrap(buffer.bytes(), 0, buffer.length()), size);
            if (fsync == FsyncPolicy.ALWAYS) {
                channel.force(false);
            }
            size += buffer.length();
        } catch (IOException e) {
            try {
                channel.truncate(size);
            } catch (IOException undo) {
                e.addSuppressed(undo);
                broken = e;
            }
            throw new UncheckedIOException("appending to " + file(directory, generation) + " failed; the write was not made", e);
        }
    }

    /** Closes this generation (forced to the device) and starts the next; returns the new generation. */
    synchronized long rotate() throws IOException {
        channel.force(true);
        channel.close();
        openGeneration(generation + 1, 0);
        return generation;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
    }

    /** Closes the file without forcing it (what a killed process leaves behind is what the OS has). */
    synchronized void abandon() throws IOException {
        channel.close();
    }

    static boolean hasMagic(byte[] head) {
        return Arrays.equals(head, MAGIC);
    }
}
