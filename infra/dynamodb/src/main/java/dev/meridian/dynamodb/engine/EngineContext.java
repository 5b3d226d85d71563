package dev.meridian.dynamodb.engine;

import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.wire.OperationRegistry;

import java.nio.file.Path;
import java.time.Clock;

/** What a plugin sees of the engine at install time. */
public interface EngineContext {

    /** The data directory, or null when the engine keeps everything in memory. */
    Path dataDirectory();

    /** The tables and items; {@link Database#addWriteListener} and {@link Database#addCatalogListener} hook in. */
    Database database();

    /**
     * Where operations are registered by their full {@code X-Amz-Target}, e.g.
     * {@code DynamoDBStreams_20120810.GetRecords} or {@code DynamoDB_20120810.UpdateTimeToLive}.
     */
    OperationRegistry operations();

    /** The engine's clock (tests may fix it). */
    Clock clock();
}
