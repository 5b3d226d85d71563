package dev.meridian.emulator.template;

import dev.meridian.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions in a template value: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::If} with conditions
 * ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or},
 * {@code Condition}), {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap},
 * {@code Fn::Base64}, {@code Fn::ToJsonString}, {@code Fn::Length}.
 *
 * <p>Anything else raises {@link Unsupported}, which the caller reports with the resource
 * it came from.
 */
public final class Intrinsics {

    /** {@code AWS::NoValue}: the property or list element disappears. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** What {@code Ref} and {@code Fn::GetAtt} mean; given by the stack model. */
    public interface Scope {
        Object ref(String name);

        Object getAtt(String logicalId, String attribute);
    }

    /** A feature the local runtime does not implement; the message names the feature. */
    public static final class Unsupported extends RuntimeException {
        public Unsupported(String feature) {
            super(feature);
        }
    }

    private final Scope scope;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Boolean> evaluated = new HashMap<>();

    public Intrinsics(Scope scope, Map<String, Object> conditions, Map<String, Object> mappings) {
        this.scope = scope;
        this.conditions = conditions == null ? Map.of() : conditions;
        this.mappings = mappings == null ? Map.of() : mappings;
    }

    /** Evaluates a named condition of the template's {@code Conditions} section. */
    public boolean condition(String name) {
        Boolean known = evaluated.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new Unsupported("condition '" + name + "' is not defined in Conditions");
        }
        evaluated.put(name, Boolean.FALSE); // guards against a cycle
        boolean value = truth(resolve(conditions.get(name)), "condition " + name);
        evaluated.put(name, value);
        return value;
    }

    /** Resolves every intrinsic inside {@code value}; maps and lists are copied. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, map.values().iterator().next());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = resolve(e.getValue());
                if (v != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object v = resolve(item);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    /** Resolves and renders as a string (numbers and booleans as CloudFormation renders them). */
    public String string(Object value) {
        Object v = resolve(value);
        if (v == null || v == NO_VALUE) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new Unsupported("a string was expected but got " + Json.write(v));
        }
        return String.valueOf(v);
    }

    private Object function(String name, Object arg) {
        switch (name) {
            case "Ref": {
                String target = string(arg);
                if ("AWS::NoValue".equals(target)) {
                    return NO_VALUE;
                }
                return scope.ref(target);
            }
            case "Condition":
                return condition(string(arg));
            case "Fn::GetAtt": {
                List<?> parts;
                if (arg instanceof List<?> l) {
                    parts = l;
                } else {
                    String text = string(arg);
                    int dot = text.indexOf('.');
                    parts = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                if (parts.size() != 2) {
                    throw new Unsupported("Fn::GetAtt needs [LogicalId, Attribute], got " + parts);
                }
                return scope.getAtt(string(parts.get(0)), string(parts.get(1)));
            }
            case "Fn::Sub":
                return sub(arg);
            case "Fn::Join": {
                List<?> args = list(arg, 2, name);
                String delimiter = string(args.get(0));
                Object items = resolve(args.get(1));
                List<String> parts = new ArrayList<>();
                for (Object item : listOf(items, name)) {
                    parts.add(String.valueOf(item));
                }
                return String.join(delimiter, parts);
            }
            case "Fn::Select": {
                List<?> args = list(arg, 2, name);
                int index = Integer.parseInt(string(args.get(0)).trim());
                List<?> items = listOf(resolve(args.get(1)), name);
                if (index < 0 || index >= items.size()) {
                    throw new Unsupported("Fn::Select index " + index + " is out of range");
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(arg, 2, name);
                String delimiter = string(args.get(0));
                String source = string(args.get(1));
                return new ArrayList<>(List.of(source.split(Pattern.quote(delimiter), -1)));
            }
            case "Fn::If": {
                List<?> args = list(arg, 3, name);
                return condition(string(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Fn::Equals": {
                List<?> args = list(arg, 2, name);
                return Objects.equals(String.valueOf(resolve(args.get(0))), String.valueOf(resolve(args.get(1))));
            }
            case "Fn::Not": {
                List<?> args = list(arg, 1, name);
                return !truth(resolve(args.get(0)), name);
            }
            case "Fn::And": {
                for (Object item : listOf(arg, name)) {
                    if (!truth(resolve(item), name)) {
                        return false;
                    }
                }
                return true;
            }
            case "Fn::Or": {
                for (Object item : listOf(arg, name)) {
                    if (truth(resolve(item), name)) {
                        return true;
                    }
                }
                return false;
            }
            case "Fn::FindInMap": {
                List<?> args = list(arg, 3, name);
                Object top = mappings.get(string(args.get(0)));
                Object second = top instanceof Map<?, ?> m ? m.get(string(args.get(1))) : null;
                Object value = second instanceof Map<?, ?> m2 ? m2.get(string(args.get(2))) : null;
                if (value == null) {
                    throw new Unsupported("Fn::FindInMap " + resolve(arg) + " finds nothing in Mappings");
                }
                return resolve(value);
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(string(arg).getBytes(StandardCharsets.UTF_8));
            case "Fn::ToJsonString":
                return Json.write(resolve(arg));
            case "Fn::Length":
                return listOf(resolve(arg), name).size();
            default:
                throw new Unsupported("intrinsic function " + name);
        }
    }

    private Object sub(Object arg) {
        String template;
        Map<String, Object> variables = new HashMap<>();
        if (arg instanceof List<?> l) {
            List<?> args = list(l, 2, "Fn::Sub");
            template = String.valueOf(args.get(0));
            if (args.get(1) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> variables.put(String.valueOf(k), v));
            }
        } else {
            template = String.valueOf(arg);
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1).trim();
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = string(variables.get(expression));
            } else {
                int dot = expression.indexOf('.');
                if (dot > 0 && !expression.startsWith("AWS::")) {
                    replacement = String.valueOf(scope.getAtt(expression.substring(0, dot), expression.substring(dot + 1)));
                } else {
                    replacement = String.valueOf(scope.ref(expression));
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean truth(Object value, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value))) {
            return true;
        }
        if ("false".equalsIgnoreCase(String.valueOf(value))) {
            return false;
        }
        throw new Unsupported(where + " does not evaluate to true or false: " + value);
    }

    private static List<?> list(Object arg, int size, String name) {
        List<?> l = listOf(arg, name);
        if (l.size() != size) {
            throw new Unsupported(name + " expects " + size + " arguments, got " + l.size());
        }
        return l;
    }

    private static List<?> listOf(Object arg, String name) {
        if (arg instanceof List<?> l) {
            return l;
        }
        throw new Unsupported(name + " expects a list, got " + arg);
    }
}
