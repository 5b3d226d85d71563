package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Set;

/** A parsed UpdateExpression. */
public interface Update {

    /**
     * Applies the update to a copy of the item (empty map: the item does not exist yet) and
     * returns the new item; the argument is not changed. Type errors (ADD to a string,
     * arithmetic on a non-number, an index into a non-list …) are ValidationExceptions with
     * DynamoDB's messages.
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the update writes or removes (for the key-attribute check). */
    Set<String> topLevelAttributes();

    /**
     * The top-level attributes the update writes or removes something inside ({@code a.b},
     * {@code a[1]}): an index key among them is rejected by DynamoDB ("Key attributes must be
     * scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: a").
     * Empty for an update of whole attributes only.
     */
    default Set<String> nestedAttributes() {
        return Set.of();
    }

    /** The paths the update touches, as a projection: ReturnValues UPDATED_OLD / UPDATED_NEW apply it. */
    Projection updatedPaths();
}
