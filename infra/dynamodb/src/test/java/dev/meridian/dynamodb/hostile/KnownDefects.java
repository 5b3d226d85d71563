package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * Engine defects these properties found and that are not fixed yet, each matched narrowly (the
 * operation, the request shape and the exact wrong answer), so that a case explained by one of
 * them is set aside while every other case is still checked. Delete an entry once its fix is
 * in: the properties then hold the engine to it. The list is reported with the conformance
 * figures; it is a to-do list, not an allowance.
 */
enum KnownDefects {

    /** CreateTable with an AttributeDefinition lacking AttributeType answers 500 (NullPointerException). */
    CREATE_TABLE_ATTRIBUTE_TYPE_MISSING,
    /** BatchGetItem with a null entry in Keys answers 500 (NullPointerException). */
    BATCH_GET_NULL_KEY,
    /** Scan ignores a Segment / TotalSegments that is not an integer and scans everything (200). */
    SCAN_SEGMENT_NOT_TYPE_CHECKED,
    /** Items nested deeper than DynamoDB's 32 levels are stored. */
    NESTING_BEYOND_32_LEVELS_ACCEPTED,
    /** A malformed table name inside a transaction answers ResourceNotFoundException, not ValidationException. */
    TRANSACTION_TABLE_NAME_NOT_VALIDATED,
    /** GetRecords with an iterator whose position field is negative answers 500 (IllegalArgumentException). */
    GET_RECORDS_NEGATIVE_POSITION;

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    /** The known defect that explains this answer, or null. */
    static KnownDefects explain(String operation, JsonNode request, RawClient.Answer answer) {
        switch (operation) {
            case "CreateTable" -> {
                if (answer.status() == 500 && anyDefinitionWithoutType(request)) return CREATE_TABLE_ATTRIBUTE_TYPE_MISSING;
            }
            case "BatchGetItem" -> {
                if (answer.status() == 500 && anyNullKey(request)) return BATCH_GET_NULL_KEY;
            }
            case "Scan" -> {
                if (answer.ok() && (notAnInteger(request.get("Segment")) || notAnInteger(request.get("TotalSegments")))) {
                    return SCAN_SEGMENT_NOT_TYPE_CHECKED;
                }
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                if ("ResourceNotFoundException".equals(answer.type()) && anyBadTableName(request)) {
                    return TRANSACTION_TABLE_NAME_NOT_VALIDATED;
                }
            }
            case "GetRecords" -> {
                if (answer.status() == 500 && negativeIteratorPosition(request.path("ShardIterator").asText())) {
                    return GET_RECORDS_NEGATIVE_POSITION;
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static boolean negativeIteratorPosition(String iterator) {
        try {
            String[] fields = new String(java.util.Base64.getUrlDecoder().decode(iterator),
                    java.nio.charset.StandardCharsets.UTF_8).split("\\|", -1);
            return fields.length > 2 && fields[2].startsWith("-");
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    private static boolean anyDefinitionWithoutType(JsonNode request) {
        JsonNode defs = request.get("AttributeDefinitions");
        if (defs == null || !defs.isArray()) return false;
        for (JsonNode d : defs) {
            if (d != null && d.isObject() && !d.path("AttributeType").isTextual()) return true;
        }
        return false;
    }

    private static boolean anyNullKey(JsonNode request) {
        for (JsonNode table : request.path("RequestItems")) {
            for (JsonNode key : table.path("Keys")) {
                if (key.isNull()) return true;
            }
        }
        return false;
    }

    private static boolean notAnInteger(JsonNode n) {
        return n != null && !n.isNull() && !n.isIntegralNumber();
    }

    private static boolean anyBadTableName(JsonNode request) {
        for (JsonNode action : request.path("TransactItems")) {
            for (JsonNode body : action) {
                JsonNode name = body.get("TableName");
                if (name != null && name.isTextual() && !TABLE_NAME.matcher(name.textValue()).matches()) return true;
            }
        }
        return false;
    }
}
