/**
 * Time to live for Meridian's engine ({@link dev.meridian.dynamodb.ttl.TtlPlugin}):
 * UpdateTimeToLive, DescribeTimeToLive and the reaper.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Never early: an item is deleted only once the clock is past its TTL attribute (a Number,
 *       epoch seconds); until the sweep deletes it, it stays readable, as in DynamoDB.</li>
 *   <li>The deletion is an ordinary write with origin TTL: indexes lose the item, the stream gets a
 *       REMOVE naming the service, the durability log records it. It happens only if the item is
 *       still due when the deletion runs: an item re-written with a later TTL stays.</li>
 *   <li>A sweep reads an expiry index kept by the write path, not the table; enabling TTL on a
 *       table indexes the items it already holds.</li>
 * </ul>
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Sweeps run every second by default ({@code meridian.dynamodb.ttl.sweepMillis}); DynamoDB
 *       takes up to a few days. At most 1,000 deletions per table per sweep.</li>
 *   <li>Items whose TTL is not a Number, or lies more than five years in the past, are never
 *       deleted (as DynamoDB documents).</li>
 *   <li>DynamoDB's one-hour wait between UpdateTimeToLive calls is not enforced.</li>
 * </ul>
 */
package dev.meridian.dynamodb.ttl;
