package dev.meridian.dynamodb.wire;

import dev.meridian.dynamodb.storage.Database;

/**
 * What an operation knows of its request besides the body: the region (from the
 * Authorization header's credential scope, else us-east-1) and the database serving it.
 */
public record RequestContext(String region, Database database) {

    public static final String ACCOUNT = "000000000000";

    public String tableArn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + table;
    }
}
