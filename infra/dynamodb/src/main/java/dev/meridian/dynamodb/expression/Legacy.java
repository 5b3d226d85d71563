package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.ConditionTree.Comparator;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's legacy (pre-expression) request parameters, built into the same trees the
 * expressions parse to: {@code Expected}, {@code QueryFilter} / {@code ScanFilter} with
 * {@code ConditionalOperator}, {@code KeyConditions}, {@code AttributesToGet} and
 * {@code AttributeUpdates}. The wire layer decodes the JSON into these records; validation and
 * messages are here.
 */
public final class Legacy {

    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final List<String> OPERATORS = List.of(
            "EQ", "NE", "LE", "LT", "GE", "GT", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN");
    private static final Set<String> KEY_OPERATORS = Set.of("EQ", "LE", "LT", "GE", "GT", "BEGINS_WITH", "BETWEEN");

    private Legacy() {
    }

    /**
     * One entry of Expected, QueryFilter, ScanFilter or KeyConditions as the request gave it;
     * a null field was absent. {@code value} and {@code exists} exist only in Expected.
     */
    public record Entry(String attribute, AttributeValue value, Boolean exists, String comparisonOperator,
                        List<AttributeValue> attributeValueList) {

        /** A QueryFilter, ScanFilter or KeyConditions entry. */
        public static Entry of(String attribute, String comparisonOperator, List<AttributeValue> attributeValueList) {
            return new Entry(attribute, null, null, comparisonOperator, attributeValueList);
        }
    }

    /** One entry of AttributeUpdates: {@code action} PUT (the default when null), ADD or DELETE. */
    public record AttributeUpdate(String attribute, String action, AttributeValue value) {
    }

    /** Expected with its ConditionalOperator (AND when null). */
    public static Condition expected(List<Entry> entries, String conditionalOperator) {
        List<Condition> parts = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            parts.add(expectedEntry(e));
        }
        return combine(parts, conditionalOperator);
    }

    /** QueryFilter or ScanFilter with its ConditionalOperator (AND when null). */
    public static Condition filter(List<Entry> entries, String conditionalOperator) {
        List<Condition> parts = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.comparisonOperator() == null) {
                throw DynamoDbException.validation(INVALID + "ComparisonOperator is required for Attribute: " + e.attribute());
            }
            parts.add(comparison(e.attribute(), e.comparisonOperator(), values(e.attributeValueList())));
        }
        return combine(parts, conditionalOperator);
    }

    /** KeyConditions: EQ, LE, LT, GE, GT, BEGINS_WITH or BETWEEN on one or two key attributes. */
    public static KeyCondition keyConditions(List<Entry> entries) {
        if (entries.isEmpty() || entries.size() > 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        }
        List<KeyCondition.Term> terms = new ArrayList<>(2);
        for (Entry e : entries) {
            String op = operator(e.comparisonOperator());
            if (!KEY_OPERATORS.contains(op)) {
                throw DynamoDbException.validation("Attempted conditional constraint is not an indexable operation");
            }
            List<AttributeValue> values = values(e.attributeValueList());
            comparison(e.attribute(), op, values);
            KeyCondition.Op keyOp = op.equals("BEGINS_WITH") ? KeyCondition.Op.BEGINS_WITH : KeyCondition.Op.valueOf(op);
            terms.add(new KeyCondition.Term(e.attribute(), keyOp, List.copyOf(values)));
        }
        return new KeyCondition(List.copyOf(terms));
    }

    /** AttributesToGet: the named top-level attributes. */
    public static Projection attributesToGet(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<DocumentPath> paths = new ArrayList<>(names.size());
        for (String name : names) {
            if (!seen.add(name)) {
                throw DynamoDbException.validation(INVALID + "Duplicate value in attribute name: " + name);
            }
            paths.add(DocumentPath.of(name));
        }
        if (paths.isEmpty()) {
            throw DynamoDbException.validation(INVALID + "AttributesToGet must not be empty");
        }
        return ProjectionTree.of(paths);
    }

    /** AttributeUpdates: PUT sets, DELETE removes (or takes elements out of a set), ADD adds a number or unites sets. */
    public static Update attributeUpdates(List<AttributeUpdate> updates) {
        List<UpdateTree.Action> actions = new ArrayList<>(updates.size());
        for (AttributeUpdate u : updates) {
            DocumentPath path = DocumentPath.of(u.attribute());
            String action = u.action() == null ? "PUT" : u.action();
            AttributeValue v = u.value();
            switch (action) {
                case "PUT" -> {
                    if (v == null) throw DynamoDbException.validation(INVALID + "Only DELETE action is allowed when no attribute value is specified");
                    actions.add(new UpdateTree.SetAction(path, new UpdateTree.ConstantValue(v)));
                }
                case "DELETE" -> {
                    if (v == null) {
                        actions.add(new UpdateTree.RemoveAction(path));
                    } else if (UpdateParser.isSet(v)) {
                        actions.add(new UpdateTree.DeleteAction(path, v));
                    } else {
                        throw DynamoDbException.validation(INVALID + "DELETE action with value is not supported for the type " + v.type());
                    }
                }
                case "ADD" -> {
                    if (v == null) throw DynamoDbException.validation(INVALID + "Only DELETE action is allowed when no attribute value is specified");
                    if (v instanceof AttributeValue.L) {
                        // a list is appended to the list there (or becomes it)
                        UpdateTree.Value existing = new UpdateTree.IfNotExists(path, new UpdateTree.ConstantValue(new AttributeValue.L(List.of())));
                        actions.add(new UpdateTree.SetAction(path, new UpdateTree.ListAppend(existing, new UpdateTree.ConstantValue(v))));
                    } else if (v instanceof AttributeValue.N || UpdateParser.isSet(v)) {
                        actions.add(new UpdateTree.AddAction(path, v));
                    } else {
                        throw DynamoDbException.validation(INVALID + "ADD action is not supported for the type " + v.type());
                    }
                }
                default -> throw DynamoDbException.validation("1 validation error detected: Value '" + action
                        + "' at 'attributeUpdates." + u.attribute() + ".member.action' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [ADD, PUT, DELETE]");
            }
        }
        ParsedUpdate update = new ParsedUpdate(actions);
        return new Update() {
            @Override
            public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
                try {
                    return update.apply(item);
                } catch (ExpressionException e) {
                    if (e.getMessage().equals(UpdateTree.INCORRECT_TYPE)) {
                        throw DynamoDbException.validation("Type mismatch for attribute to update");
                    }
                    throw e;
                }
            }

            @Override
            public Set<String> topLevelAttributes() {
                return update.topLevelAttributes();
            }

            @Override
            public Projection updatedPaths() {
                return update.updatedPaths();
            }
        };
    }

    // ---- conditions

    private static Condition expectedEntry(Entry e) {
        String a = e.attribute();
        boolean hasList = e.attributeValueList() != null;
        if (e.comparisonOperator() != null) {
            if (e.exists() != null) {
                throw DynamoDbException.validation(INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + a);
            }
            if (e.value() != null && hasList) {
                throw DynamoDbException.validation(INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + a);
            }
            List<AttributeValue> values = e.value() != null ? List.of(e.value()) : values(e.attributeValueList());
            return comparison(a, e.comparisonOperator(), values);
        }
        if (hasList) {
            throw DynamoDbException.validation(INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + a);
        }
        boolean exists = e.exists() == null || e.exists();
        if (exists) {
            if (e.value() == null) {
                throw DynamoDbException.validation(INVALID + "Value must be provided when Exists is "
                        + (e.exists() == null ? "null" : "true") + " for Attribute: " + a);
            }
            return new ConditionTree.Compare(Comparator.EQ, path(a), new Operand.Constant(e.value()));
        }
        if (e.value() != null) {
            throw DynamoDbException.validation(INVALID + "Value cannot be used when Exists is false for Attribute: " + a);
        }
        return new ConditionTree.Exists(DocumentPath.of(a), false);
    }

    /** One legacy comparison, its value count and types checked as DynamoDB checks them. */
    private static Condition comparison(String attribute, String operator, List<AttributeValue> values) {
        String op = operator(operator);
        Operand p = path(attribute);
        switch (op) {
            case "NULL", "NOT_NULL" -> {
                count(op, values, 0);
                return new ConditionTree.Exists(DocumentPath.of(attribute), op.equals("NOT_NULL"));
            }
            case "EQ", "NE" -> {
                count(op, values, 1);
                return new ConditionTree.Compare(op.equals("EQ") ? Comparator.EQ : Comparator.NE, p, constant(values.get(0)));
            }
            case "LE", "LT", "GE", "GT" -> {
                count(op, values, 1);
                scalar(op, values.get(0));
                return new ConditionTree.Compare(Comparator.valueOf(op), p, constant(values.get(0)));
            }
            case "CONTAINS", "NOT_CONTAINS" -> {
                count(op, values, 1);
                scalar(op, values.get(0));
                Condition contains = new ConditionTree.Contains(p, constant(values.get(0)));
                return op.equals("CONTAINS") ? contains : new ConditionTree.Not(contains);
            }
            case "BEGINS_WITH" -> {
                count(op, values, 1);
                AttributeValue v = values.get(0);
                if (!(v instanceof AttributeValue.S) && !(v instanceof AttributeValue.B)) {
                    throw notValidFor(op, v);
                }
                return new ConditionTree.BeginsWith(p, constant(v));
            }
            case "IN" -> {
                if (values.isEmpty()) throw wrongCount(op);
                List<Operand> candidates = new ArrayList<>(values.size());
                for (AttributeValue v : values) {
                    scalar(op, v);
                    candidates.add(constant(v));
                }
                return new ConditionTree.In(p, List.copyOf(candidates));
            }
            default -> {
                count(op, values, 2);
                AttributeValue lo = values.get(0);
                AttributeValue hi = values.get(1);
                scalar(op, lo);
                scalar(op, hi);
                if (!lo.type().equals(hi.type())) {
                    throw DynamoDbException.validation(INVALID + "AttributeValues inside AttributeValueList must be of same type");
                }
                Integer c = dev.meridian.dynamodb.model.Values.compare(lo, hi);
                if (c != null && c > 0) {
                    throw DynamoDbException.validation(INVALID + "The BETWEEN condition was provided a range where the lower bound"
                            + " is greater than the upper bound");
                }
                return new ConditionTree.Between(p, constant(lo), constant(hi));
            }
        }
    }

    private static Condition combine(List<Condition> parts, String conditionalOperator) {
        boolean or;
        if (conditionalOperator == null || conditionalOperator.equals("AND")) {
            or = false;
        } else if (conditionalOperator.equals("OR")) {
            or = true;
        } else {
            throw DynamoDbException.validation("1 validation error detected: Value '" + conditionalOperator
                    + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
        }
        if (parts.isEmpty()) {
            return item -> true;
        }
        Condition c = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            c = or ? new ConditionTree.Or(c, parts.get(i)) : new ConditionTree.And(c, parts.get(i));
        }
        return c;
    }

    private static String operator(String op) {
        if (op == null || !OPERATORS.contains(op)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + op
                    + "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: " + OPERATORS);
        }
        return op;
    }

    private static List<AttributeValue> values(List<AttributeValue> list) {
        return list == null ? List.of() : list;
    }

    private static void count(String op, List<AttributeValue> values, int expected) {
        if (values.size() != expected) throw wrongCount(op);
    }

    private static DynamoDbException wrongCount(String op) {
        return DynamoDbException.validation(INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
    }

    private static void scalar(String op, AttributeValue v) {
        if (!(v instanceof AttributeValue.S) && !(v instanceof AttributeValue.N) && !(v instanceof AttributeValue.B)) {
            throw notValidFor(op, v);
        }
    }

    private static DynamoDbException notValidFor(String op, AttributeValue v) {
        return DynamoDbException.validation(INVALID + "ComparisonOperator " + op + " is not valid for " + v.type() + " AttributeValue type");
    }

    private static Operand path(String attribute) {
        return new Operand.PathRef(DocumentPath.of(attribute));
    }

    private static Operand constant(AttributeValue v) {
        return new Operand.Constant(v);
    }
}
