package dev.meridian.dynamodb.engine;

import dev.meridian.dynamodb.storage.TableDefinition;

/**
 * Sees every change to the set of tables, in order, inside the catalog's critical section:
 * a created table, an updated definition (GSI added or removed, stream or billing changed,
 * TTL setting), a deleted table ({@code definition} null). The durability log records these
 * so a restart rebuilds the same tables; {@link TableDefinition#toJson()} is its stored form.
 */
public interface CatalogListener {

    void tableChanged(String tableName, TableDefinition definition, long epochMillis);
}
