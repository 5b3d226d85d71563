package dev.meridian.dynamodb.stream;

import java.time.Duration;

/**
 * How streams keep records: retention (DynamoDB keeps 24 hours), when the open shard rolls over
 * to a child (after a time or a number of records, whichever comes first) and how long a shard
 * iterator stays valid (15 minutes in DynamoDB).
 */
public record StreamSettings(Duration retention,
                             Duration shardRolloverAfter,
                             long shardRolloverRecords,
                             Duration iteratorLifetime) {

    public StreamSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("stream settings: retention must be positive, was " + retention);
        }
        if (shardRolloverAfter.isNegative() || shardRolloverAfter.isZero()) {
            throw new IllegalArgumentException("stream settings: shard rollover time must be positive, was " + shardRolloverAfter);
        }
        if (shardRolloverRecords < 1) {
            throw new IllegalArgumentException("stream settings: shard rollover records must be at least 1, was " + shardRolloverRecords);
        }
        if (iteratorLifetime.isNegative() || iteratorLifetime.isZero()) {
            throw new IllegalArgumentException("stream settings: iterator lifetime must be positive, was " + iteratorLifetime);
        }
    }

    /** DynamoDB's figures: 24 h retention, 15 min iterators; a shard rolls over every 4 h or 100,000 records. */
    public static StreamSettings defaults() {
        return new StreamSettings(Duration.ofHours(24), Duration.ofHours(4), 100_000, Duration.ofMinutes(15));
    }

    public StreamSettings withRollover(Duration after, long records) {
        return new StreamSettings(retention, after, records, iteratorLifetime);
    }

    public StreamSettings withIteratorLifetime(Duration value) {
        return new StreamSettings(retention, shardRolloverAfter, shardRolloverRecords, value);
    }

    public StreamSettings withRetention(Duration value) {
        return new StreamSettings(value, shardRolloverAfter, shardRolloverRecords, iteratorLifetime);
    }
}
