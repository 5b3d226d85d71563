package dev.meridian.emulator.regions;

/** A region of a multi-region run, as {@code GET /_local/regions} names it. */
public enum RegionState {
    /** Serving and replicating. */
    UP,
    /** Partitioned: serves its own clients, replication to and from it queues. */
    CUT,
    /** Failed: its API answers 503 (but {@code /_local/*}), its consumers and schedules stop, its replication queues. */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
