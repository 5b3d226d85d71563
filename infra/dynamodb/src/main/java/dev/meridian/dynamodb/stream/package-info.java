/**
 * DynamoDB Streams for Meridian's engine ({@link dev.meridian.dynamodb.stream.StreamsPlugin}).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Exactly one record per item a committed write changed (a transaction: one per item), in
 *       commit order; none for a write that changes nothing: a failed condition, a DeleteItem of a
 *       missing item, an UpdateItem or PutItem that leaves the item as it was (DynamoDB Streams
 *       writes no record when the item is not modified).</li>
 *   <li>Sequence numbers are 21-digit numeric strings, strictly increasing within a stream (and so
 *       within each shard and from a parent shard to its child); records carry eventID,
 *       eventName, eventVersion 1.1, eventSource aws:dynamodb, awsRegion and the images the view
 *       type keeps; a TTL deletion carries userIdentity {Type: Service, PrincipalId:
 *       dynamodb.amazonaws.com}.</li>
 *   <li>Records are kept 24 hours (by the engine's clock); reading older ones is
 *       TrimmedDataAccessException; a shard iterator expires after 15 minutes
 *       (ExpiredIteratorException).</li>
 *   <li>One open shard per stream; it rolls over to a child (ParentShardId set) after 4 hours or
 *       100,000 records (configurable); disabling the stream closes it, and a closed shard's last
 *       page has no NextShardIterator. Re-enabling makes a new stream (new label and ARN). A
 *       disabled stream stays readable until its records age out.</li>
 *   <li>With a data directory the records survive restarts (snapshot section plus log replay).</li>
 * </ul>
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Stream ARNs take the region of the request; the engine serves one region.</li>
 *   <li>Records hold the images as compact JSON bytes; a NEW_AND_OLD_IMAGES stream under a heavy
 *       load holds roughly twice the written data for 24 hours.</li>
 *   <li>The status is ENABLED or DISABLED at once (no ENABLING/DISABLING phase).</li>
 * </ul>
 */
package dev.meridian.dynamodb.stream;
