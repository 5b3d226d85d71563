package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A shard iterator: which stream and shard, the sequence number of the next record to read, and
 * when it was issued (it expires after the configured lifetime). On the wire it is opaque text.
 */
record ShardIterator(String streamResource, String shardId, long position, long issuedMillis) {

    private static final String VERSION = "m1";

    String encode() {
        String text = VERSION + "|" + issuedMillis + "|" + position + "|" + shardId + "|" + streamResource;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ShardIterator decode(String wire) {
        if (wire == null || wire.isEmpty() || wire.length() > 2048) {
            throw DynamoDbException.validation("Invalid ShardIterator: it must be 1 to 2048 characters from GetShardIterator or GetRecords");
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(wire), StandardCharsets.UTF_8).split("\\|", 5);
        } catch (IllegalArgumentException e) {
            throw DynamoDbException.validation("Invalid ShardIterator: not an iterator this engine issued");
        }
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw DynamoDbException.validation("Invalid ShardIterator: not an iterator this engine issued");
        }
        long position;
        long issued;
        try {
            position = Long.parseLong(parts[2]);
            issued = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation("Invalid ShardIterator: not an iterator this engine issued");
        }
        if (position < 0 || issued < 0) {
            // the engine never issues these: a forged iterator (a negative position once failed as a 500)
            throw DynamoDbException.validation("Invalid ShardIterator: not an iterator this engine issued");
        }
        return new ShardIterator(parts[4], parts[3], position, issued);
    }
}
