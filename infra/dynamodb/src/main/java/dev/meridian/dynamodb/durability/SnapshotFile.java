package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A snapshot: the whole state before log generation g, in frames: {@code 'H'} (magic, g), per
 * table {@code 'T'} (definition) and {@code 'I'} (up to 1,000 items: JSON and write time), per
 * part {@code 'P'} (name, a chunk of its bytes), and {@code 'E'} (g, counts) last. Written to a
 * {@code .tmp} file, forced to the device, then renamed: a snapshot file is either complete or
 * absent. Reading checks every frame and the end frame.
 */
final class SnapshotFile {

    private static final String MAGIC = "MDBSNAP1";
    private static final int ITEMS_PER_FRAME = 1000;
    private static final int PART_CHUNK = 1024 * 1024;

    private SnapshotFile() {
    }

    /** A table's state as captured under the write lock. */
    record TableState(TableDefinition definition, List<StoredItem> items) {
    }

    static void write(Path directory, long generation, List<TableState> tables,
                      Map<String, DurablePart.SnapshotWriter> parts) throws IOException {
        Path target = DataDirectory.snapshotFile(directory, generation);
        Path tmp = directory.resolve(target.getFileName() + ".tmp");
        long items = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            DataBuffer frame = new DataBuffer();
            frame.reset();
            frame.data.writeByte('H');
            frame.data.writeUTF(MAGIC);
            frame.data.writeLong(generation);
            flush(ch, frame);
            for (TableState t : tables) {
                frame.reset();
                frame.data.writeByte('T');
                DataBuffer.writeBytes(frame.data, Json.MAPPER.writeValueAsBytes(t.definition().toJson()));
                flush(ch, frame);
                for (int from = 0; from < t.items().size(); from += ITEMS_PER_FRAME) {
                    List<StoredItem> batch = t.items().subList(from, Math.min(t.items().size(), from + ITEMS_PER_FRAME));
                    frame.reset();
                    frame.data.writeByte('I');
                    frame.data.writeInt(batch.size());
                    for (StoredItem s : batch) {
                        DataBuffer.writeBytes(frame.data, s.json());
                        frame.data.writeLong(s.writtenAt());
                    }
                    flush(ch, frame);
                    items += batch.size();
                }
            }
            for (Map.Entry<String, DurablePart.SnapshotWriter> p : parts.entrySet()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    p.getValue().writeTo(out);
                }
                byte[] all = bytes.toByteArray();
                int from = 0;
                do {
                    int n = Math.min(PART_CHUNK, all.length - from);
                    frame.reset();
                    frame.data.writeByte('P');
                    frame.data.writeUTF(p.getKey());
                    DataBuffer.writeBytes(frame.data, java.util.Arrays.copyOfRange(all, from, from + n));
                    flush(ch, frame);
                    from += n;
                } while (from < all.length);
            }
            frame.reset();
            frame.data.writeByte('E');
            frame.data.writeLong(generation);
            frame.data.writeInt(tables.size());
            frame.data.writeLong(items);
            flush(ch, frame);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DataDirectory.fsync(directory);
    }

    private static void flush(FileChannel ch, DataBuffer frame) throws IOException {
        frame.data.flush();
        frame.seal();
        ByteBuffer b = ByteBuffer.wrap(frame.bytes(), 0, frame.length());
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Receives a snapshot's contents as it is read. */
    interface Visitor {
        void table(TableDefinition definition) throws IOException;

        /** An item of the table last announced, as its wire JSON. */
        void item(TableDefinition table, byte[] json, long writtenAt) throws IOException;

        /** A chunk of a part's bytes (a part's chunks come in order). */
        void part(String name, byte[] chunk) throws IOException;
    }

    /**
     * Reads and checks a snapshot, handing its contents to {@code visitor} as it goes; returns its
     * generation. An IOException names what is wrong with the file.
     */
    static long read(Path file, Visitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Frames.Reader reader = new Frames.Reader(ch, 0);
            long generation = -1;
            long items = 0;
            int tables = 0;
            TableDefinition current = null;
            Frames.Frame f;
            while ((f = reader.next()) != null) {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(f.payload()));
                byte type = in.readByte();
                if (generation < 0 && type != 'H') {
                    throw new IOException(file + " does not start with a snapshot header");
                }
                switch (type) {
                    case 'H' -> {
                        if (!MAGIC.equals(in.readUTF())) throw new IOException(file + " is not a Meridian snapshot");
                        generation = in.readLong();
                    }
                    case 'T' -> {
                        current = TableDefinition.fromJson(Json.MAPPER.readTree(LogEntries.readBytes(in)));
                        tables++;
                        visitor.table(current);
                    }
                    case 'I' -> {
                        if (current == null) throw new IOException(file + ": items before any table");
                        int n = in.readInt();
                        for (int i = 0; i < n; i++) {
                            byte[] json = LogEntries.readBytes(in);
                            visitor.item(current, json, in.readLong());
                        }
                        items += n;
                    }
                    case 'P' -> visitor.part(in.readUTF(), LogEntries.readBytes(in));
                    case 'E' -> {
                        long g = in.readLong();
                        int tableCount = in.readInt();
                        long itemCount = in.readLong();
                        if (g != generation || tableCount != tables || itemCount != items) {
                            throw new IOException(file + ": the end frame does not match the contents");
                        }
                        return generation;
                    }
                    default -> throw new IOException(file + ": unknown frame type " + type);
                }
            }
            throw new IOException(file + " is incomplete: " + (reader.stop().clean() ? "no end frame" : reader.stop().reason()
                    + " at offset " + reader.stop().offset()));
        }
    }
}
