package dev.meridian.dynamodb.replication;

import java.util.Arrays;
import java.util.List;

/**
 * One version of an item of a global table, as last-writer-wins sees it: its hidden timestamp
 * ({@code StoredItem.writtenAt}), the region that wrote it (index into the engine's regions; -1
 * when not known, e.g. an item written before the table became global), whether it is a delete
 * (a tombstone), and {@code seen}: per region, the newest timestamp of that region's versions
 * this one derives from (itself included) — how a conflict is told from a late older version.
 */
record Version(long ts, int region, boolean deleted, long[] seen) {

    static final int UNKNOWN = -1;

    static Version unknown(long ts, int regions) {
        return new Version(ts, UNKNOWN, false, new long[regions]);
    }

    /** The version a region writes on top of {@code base} (null: nothing before it). */
    static Version next(long ts, int region, boolean deleted, Version base, int regions) {
        long[] seen = base == null ? new long[regions] : base.seen.clone();
        seen[region] = Math.max(seen[region], ts);
        return new Version(ts, region, deleted, seen);
    }

    /** Later timestamp wins; equal timestamps: the greater region name (unknown loses). */
    static int compare(Version a, Version b, List<String> regions) {
        int c = Long.compare(a.ts, b.ts);
        if (c != 0) return c;
        return name(a.region, regions).compareTo(name(b.region, regions));
    }

    private static String name(int region, List<String> regions) {
        return region < 0 ? "" : regions.get(region);
    }

    /**
     * Whether {@code lost} being discarded in favour of {@code winner} is a conflict: two regions
     * wrote the item and the winner was written without having seen the lost version. A late
     * older version of the same region, a version the winner derives from, and two deletes are
     * not conflicts; nor is anything about a version of unknown origin.
     */
    static boolean conflict(Version lost, Version winner) {
        if (lost.region < 0 || winner.region < 0 || lost.region == winner.region) return false;
        if (lost.deleted && winner.deleted) return false;
        return winner.seen[lost.region] < lost.ts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && v.ts == ts && v.region == region && v.deleted == deleted && Arrays.equals(v.seen, seen);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ts) * 31 + region;
    }

    @Override
    public String toString() {
        return "Version[" + ts + "@" + region + (deleted ? ",deleted" : "") + ",seen=" + Arrays.toString(seen) + "]";
    }
}
