/**
 * The data directory of Meridian's engine ({@link dev.meridian.dynamodb.durability.DurabilityPlugin}).
 *
 * <h2>Durability model</h2>
 * Every committed write (a whole transaction) and every catalog change is one CRC32-checked frame
 * appended to the write-ahead log and handed to the operating system inside the write's critical
 * section, before the answer: a killed process ({@code kill -9}) loses no acknowledged write, and
 * a restart replays the latest snapshot and then the log, cutting off a torn last frame, so it
 * never sees half a transaction. The log is not forced to the device per write by default (an
 * operating-system crash or power loss may lose the last writes);
 * {@code -Dmeridian.dynamodb.fsync=always} forces every append.
 *
 * <h2>Files</h2>
 * {@code wal-<g>.log} (magic, then frames {@code [length][crc32][payload]}),
 * {@code snapshot-<g>.db} (the whole state before log generation g: table definitions, items,
 * stream records), {@code LOCK} (one engine per directory). A snapshot is written to a
 * {@code .tmp} file, forced to the device and renamed, then the logs it covers are deleted; it is
 * taken when the log passes 64 MB and when the engine closes.
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Only a torn tail is cut off (with a warning): a last frame cut short by the end of the file,
 *       a bad last frame, or a zero-filled tail. A bad frame with intact data after it, or in an
 *       earlier log, stops the start with a message naming the file and offset (nothing is
 *       repaired silently).</li>
 *   <li>Restoring replays every item through the engine's write path without listeners: start-up
 *       time grows with the data (one snapshot read, then the log since it).</li>
 * </ul>
 */
package dev.meridian.dynamodb.durability;
