package dev.meridian.dynamodb.stream;

/** One element of a table's key schema as a stream describes it ({@code HASH} or {@code RANGE}). */
public record KeyElement(String attributeName, String keyType) {
}
