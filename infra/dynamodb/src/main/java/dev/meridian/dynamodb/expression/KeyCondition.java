package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.List;

/**
 * A parsed KeyConditionExpression: terms joined by AND, at most one per attribute, in the order
 * written. The caller matches the terms to the table's or index's key schema (partition key: EQ
 * only; a term on any other attribute, so also a third term, is the caller's error to report).
 */
public record KeyCondition(List<Term> terms) {

    public enum Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    /** {@code name op value}, {@code name BETWEEN v1 AND v2} or {@code begins_with(name, v)}. */
    public record Term(String attributeName, Op op, List<AttributeValue> values) {
    }
}
