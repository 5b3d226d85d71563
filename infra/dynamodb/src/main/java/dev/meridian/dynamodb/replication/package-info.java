/**
 * Global tables: several regions' replicas of a table in one engine, replicating
 * asynchronously with last-writer-wins. {@link dev.meridian.dynamodb.replication.Replication}
 * is the API; a global-mode engine ({@code DynamoDbEngine.builder().regions(...)}) makes one.
 */
package dev.meridian.dynamodb.replication;
