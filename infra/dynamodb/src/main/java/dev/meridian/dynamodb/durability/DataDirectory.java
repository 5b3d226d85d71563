package dev.meridian.dynamodb.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data directory: {@code snapshot-<g>.db} (the whole state before log generation g),
 * {@code wal-<g>.log} (the writes of generation g), {@code *.tmp} (a snapshot being written; never
 * read), and {@code LOCK} (held while an engine uses the directory, so two never share one).
 */
final class DataDirectory implements AutoCloseable {

    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{12})\\.db");
    private static final Pattern WAL = Pattern.compile("wal-(\\d{12})\\.log");

    final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DataDirectory open(Path path) throws IOException {
        Files.createDirectories(path);
        if (!Files.isDirectory(path) || !Files.isWritable(path)) {
            throw new IOException("data directory " + path + " is not a writable directory");
        }
        FileChannel ch = FileChannel.open(path.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("data directory " + path + " is in use by another engine (its LOCK is held)");
        }
        return new DataDirectory(path, ch, lock);
    }

    static Path snapshotFile(Path directory, long generation) {
        return directory.resolve(String.format("snapshot-%012d.db", generation));
    }

    /** Generations of the snapshots present, ascending. */
    List<Long> snapshots() throws IOException {
        return generations(SNAPSHOT);
    }

    /** Generations of the logs present, ascending. */
    List<Long> logs() throws IOException {
        return generations(WAL);
    }

    private List<Long> generations(Pattern pattern) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(path)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = pattern.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Removes leftovers of a snapshot that was being written when the process stopped. */
    void removeTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Deletes snapshots and logs older than generation {@code keep} (which a complete snapshot covers). */
    void removeBefore(long keep) throws IOException {
        for (long g : snapshots()) {
            if (g < keep) Files.deleteIfExists(snapshotFile(path, g));
        }
        for (long g : logs()) {
            if (g < keep) Files.deleteIfExists(WriteAheadLog.file(path, g));
        }
    }

    /** Forces a directory's entries (a created or renamed file) to the device. */
    static void fsync(Path directory) {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("forcing directory " + directory + " to the device", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
