package dev.meridian.dynamodb.engine;

import java.util.List;

/**
 * Sees every committed write in commit order, called while the write still holds the items it
 * changed, before the write is acknowledged: the durability log appends here (so a
 * {@code kill -9} after the answer never loses the write), the streams append their records
 * here (one per ItemChange), and global-table replication reads from here.
 */
public interface WriteListener {

    /** All changes of one request (one transaction: all of them, atomically), at one time. */
    void committed(List<ItemChange> changes, long epochMillis);
}
