package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up: the latest snapshot, then every log generation from it on, in order. The last log may
 * end in a torn frame (the process died while writing it): reading stops there and the log is cut
 * back to its last intact frame, which loses only a write that was never acknowledged. A bad
 * frame in an earlier, closed log is corruption, not a torn tail, and stops the start with a
 * message naming the file and offset.
 */
final class Recovery {

    /** Where the log continues: generation and intact length; and what was replayed. */
    record Result(long generation, long validLength, long snapshot, long tables, long items, long entries, String truncated) {
    }

    /** Receives log entries. */
    interface EntryHandler {
        void handle(LogEntries.Entry entry) throws IOException;
    }

    private Recovery() {
    }

    static Result restore(DataDirectory dir, Database db) throws IOException {
        dir.removeTemporaryFiles();
        List<Long> snapshots = dir.snapshots();
        long base = snapshots.isEmpty() ? -1 : snapshots.get(snapshots.size() - 1);
        long[] counts = new long[3];
        if (base >= 0) {
            SnapshotFile.read(DataDirectory.snapshotFile(dir.path, base), new SnapshotFile.Visitor() {
                public void table(TableDefinition definition) {
                    db.restoreTable(definition);
                    counts[0]++;
                }

                public void item(TableDefinition table, byte[] json, long writtenAt) {
                    Map<String, AttributeValue> item = ItemJson.decode(json);
                    db.restoreItem(table.name(), item, item, writtenAt);
                    counts[1]++;
                }

                public void part(String name, byte[] chunk) {
                    // parts are restored when they attach (DurabilityPlugin.attach)
                }
            });
        }
        List<Long> logs = logsFrom(dir, Math.max(base, 0));
        long generation = logs.isEmpty() ? Math.max(base, 0) : logs.get(logs.size() - 1);
        long validLength = 0;
        String truncated = null;
        for (int i = 0; i < logs.size(); i++) {
            boolean last = i == logs.size() - 1;
            long g = logs.get(i);
            Frames.Stop stop = readLog(dir.path, g, entry -> {
                apply(db, entry);
                counts[2]++;
            });
            if (!stop.clean()) {
                if (!last || !stop.tornTail()) {
                    throw new IOException("data directory " + dir.path + " is corrupt: " + WriteAheadLog.file(dir.path, g)
                            + " has " + stop.reason() + " at offset " + stop.offset() + (last
                            ? ", followed by more data, so it is not a torn tail (move the directory aside to start empty)"
                            : ", and later logs exist, so it is not a torn tail"));
                }
                truncated = WriteAheadLog.file(dir.path, g).getFileName() + ": " + stop.reason() + " at offset " + stop.offset()
                        + " (cut off: a write that was never acknowledged)";
            }
            if (last) {
                validLength = stop.offset();
            }
        }
        return new Result(generation, validLength, base, counts[0], counts[1], counts[2], truncated);
    }

    /** Log generations present from {@code first} on; they must follow each other without a gap. */
    static List<Long> logsFrom(DataDirectory dir, long first) throws IOException {
        List<Long> out = new ArrayList<>();
        for (long g : dir.logs()) {
            if (g >= first) out.add(g);
        }
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i) != out.get(i - 1) + 1) {
                throw new IOException("data directory " + dir.path + " is missing log generation " + (out.get(i - 1) + 1));
            }
        }
        return out;
    }

    /**
     * Reads one log, handing each intact entry to {@code handler}; returns where and why it
     * stopped. A log shorter than its magic (created, then the process died) reads as empty.
     */
    static Frames.Stop readLog(Path directory, long generation, EntryHandler handler) throws IOException {
        Path file = WriteAheadLog.file(directory, generation);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < WriteAheadLog.MAGIC.length) {
                return new Frames.Stop(0, ch.size() == 0 ? null : "a log header cut short");
            }
            ByteBuffer head = ByteBuffer.allocate(WriteAheadLog.MAGIC.length);
            int read = 0;
            while (head.hasRemaining() && read >= 0) {
                read = ch.read(head, head.position());
            }
            if (!WriteAheadLog.hasMagic(head.array())) {
                throw new IOException(file + " is not a Meridian log (wrong magic)");
            }
            Frames.Reader reader = new Frames.Reader(ch, WriteAheadLog.MAGIC.length);
            Frames.Frame f;
            while ((f = reader.next()) != null) {
                LogEntries.Entry entry;
                try {
                    entry = LogEntries.read(f.payload());
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + ": an intact frame at offset " + (f.end() - f.payload().length - Frames.HEADER)
                            + " holds an unreadable entry: " + e.getMessage(), e);
                }
                handler.handle(entry);
            }
            return reader.stop();
        }
    }

    /** Applies a logged entry to the tables, announcing nothing to the (not yet installed) write listeners. */
    static void apply(Database db, LogEntries.Entry entry) {
        if (entry instanceof LogEntries.Catalog c) {
            if (c.definition() == null) {
                db.restoreDeletion(c.table());
            } else if (db.table(c.table()) == null) {
                db.restoreTable(c.definition());
            } else {
                db.updateDefinition(c.table(), d -> c.definition()); // builds indexes the new definition adds
            }
        } else if (entry instanceof LogEntries.Write w) {
            for (ItemChange change : w.changes()) {
                db.restoreItem(change.table(), change.keys(), change.newImage(),
                        change.writtenAt() != 0 ? change.writtenAt() : w.millis());
            }
        }
    }

    /** Gives a part its state back: the latest snapshot's section, then every logged entry after it. */
    static void replayPart(DataDirectory dir, DurablePart part) throws IOException {
        List<Long> snapshots = dir.snapshots();
        long base = snapshots.isEmpty() ? -1 : snapshots.get(snapshots.size() - 1);
        if (base >= 0) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean[] found = {false};
            SnapshotFile.read(DataDirectory.snapshotFile(dir.path, base), new SnapshotFile.Visitor() {
                public void table(TableDefinition definition) {
                    // tables were restored by restore()
                }

                public void item(TableDefinition table, byte[] json, long writtenAt) {
                    // items were restored by restore()
                }

                public void part(String name, byte[] chunk) {
                    if (name.equals(part.name())) {
                        bytes.writeBytes(chunk);
                        found[0] = true;
                    }
                }
            });
            if (found[0]) {
                part.restore(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            }
        }
        for (long g : logsFrom(dir, Math.max(base, 0))) {
            if (!Files.exists(WriteAheadLog.file(dir.path, g))) continue;
            readLog(dir.path, g, entry -> {
                if (entry instanceof LogEntries.Catalog c) {
                    part.replayCatalog(c.table(), c.definition(), c.millis());
                } else if (entry instanceof LogEntries.Write w) {
                    part.replayWrite(w.changes(), w.millis());
                }
            });
        }
    }
}
