package dev.meridian.emulator.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a stream mapping got to, per shard: kept under {@code --data-dir} so that a restart
 * continues after the last processed record, as a deployed mapping does, instead of
 * re-delivering the stream from its start. Without a data directory nothing is kept.
 */
final class Checkpoints {

    private final Path file;
    private final Map<String, String> positions = new HashMap<>();

    Checkpoints(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stream checkpoints " + file, e);
            }
            p.stringPropertyNames().forEach(k -> positions.put(k, p.getProperty(k)));
        }
    }

    /** The sequence number of the last record processed in the shard, or null. */
    String get(String shardId) {
        return positions.get(shardId);
    }

    void put(String shardId, String sequenceNumber) {
        if (file == null || sequenceNumber.equals(positions.get(shardId))) {
            return;
        }
        positions.put(shardId, sequenceNumber);
        Properties p = new Properties();
        p.putAll(positions);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "last processed sequence number per shard");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stream checkpoints " + file, e);
        }
    }
}
