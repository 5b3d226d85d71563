package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The nodes of a parsed update expression: the value expressions of SET and the four kinds of action. */
final class UpdateTree {

    static final String INCORRECT_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING_ATTRIBUTE = "The provided expression refers to an attribute that does not exist in the item";

    private UpdateTree() {
    }

    /** The right-hand side of a SET action, evaluated against the item as it was before the update. */
    sealed interface Value {
        AttributeValue evaluate(Map<String, AttributeValue> item);
    }

    record PathValue(DocumentPath path) implements Value {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = path.resolve(item);
            if (v == null) {
                throw new ExpressionException(MISSING_ATTRIBUTE, -1);
            }
            return v;
        }
    }

    record ConstantValue(AttributeValue value) implements Value {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    /** {@code left + right} or {@code left - right}, numbers only, checked to DynamoDB's 38 digits. */
    record Arithmetic(Value left, boolean plus, Value right) implements Value {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            if (!(a instanceof AttributeValue.N x) || !(b instanceof AttributeValue.N y)) {
                throw new ExpressionException(INCORRECT_TYPE, -1);
            }
            return number(plus ? x.value().add(y.value()) : x.value().subtract(y.value()));
        }
    }

    record ListAppend(Value first, Value second) implements Value {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = first.evaluate(item);
            AttributeValue b = second.evaluate(item);
            if (!(a instanceof AttributeValue.L x) || !(b instanceof AttributeValue.L y)) {
                throw new ExpressionException(INCORRECT_TYPE, -1);
            }
            List<AttributeValue> joined = new ArrayList<>(x.values().size() + y.values().size());
            joined.addAll(x.values());
            joined.addAll(y.values());
            return new AttributeValue.L(joined);
        }
    }

    record IfNotExists(DocumentPath path, Value fallback) implements Value {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = path.resolve(item);
            return v != null ? v : fallback.evaluate(item);
        }
    }

    /** One action of an update; {@code path} is the path it writes or removes. */
    sealed interface Action {
        DocumentPath path();
    }

    record SetAction(DocumentPath path, Value value) implements Action {
    }

    record RemoveAction(DocumentPath path) implements Action {
    }

    /** ADD: number addition (absent counts as 0) or set union. */
    record AddAction(DocumentPath path, AttributeValue value) implements Action {
    }

    /** DELETE: set difference; a set left empty is removed. */
    record DeleteAction(DocumentPath path, AttributeValue value) implements Action {
    }

    static AttributeValue.N number(BigDecimal value) {
        try {
            return new AttributeValue.N(Numbers.check(value));
        } catch (NumberFormatException e) {
            throw new ExpressionException(e.getMessage(), -1);
        }
    }
}
