package dev.meridian.dynamodb.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API operation: takes the parsed request body, returns the response body. Errors are
 * thrown as {@link dev.meridian.dynamodb.DynamoDbException}; anything else is an internal fault.
 */
@FunctionalInterface
public interface Operation {

    JsonNode handle(JsonNode request, RequestContext context);
}
