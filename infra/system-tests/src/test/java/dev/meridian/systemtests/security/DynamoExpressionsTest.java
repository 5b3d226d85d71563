package dev.meridian.systemtests.security;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request data is ever part of a DynamoDB expression: every expression is built from
 * constants and refers to attribute names and values only through {@code #name} and
 * {@code :value} placeholders. Pinned twice:
 * <ol>
 *   <li>in the source of {@code functions/} and {@code layers/common}: each expression argument is
 *       a literal or a constant (evaluated here and checked for placeholders), or one of a few
 *       reviewed call sites that pass a constant through a parameter;</li>
 *   <li>on the wire: every expression any DynamoDB client of this JVM sent (recorded by
 *       {@link ExpressionRecorder}), after sagas and hostile requests, is placeholder-only.</li>
 * </ol>
 */
class DynamoExpressionsTest {

    private static final Pattern CALL = Pattern.compile(
            "\\.(conditionExpression|updateExpression|keyConditionExpression|filterExpression|projectionExpression)\\(");
    private static final Pattern CONSTANT = Pattern.compile(
            "static final String ([A-Z][A-Z0-9_]*)\\s*=\\s*(.*?);", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("[#:][A-Za-z0-9_]+");
    private static final Set<String> GRAMMAR = Set.of("set", "remove", "add", "delete", "and", "or", "not", "between", "in",
            "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size", "if_not_exists",
            "list_append");

    /**
     * Call sites whose argument is not itself a constant, each reviewed: what reaches the call.
     * A new dynamic call site fails this test until it is reviewed and listed here.
     */
    private static final Map<String, String> REVIEWED = Map.of(
            "DynamoInventoryRepository.java: allocationUpdate", "move()'s parameter: commit/release pass UPDATE_COMMIT, UPDATE_RELEASE_*",
            "DynamoInventoryRepository.java: allocationCondition", "move()'s parameter: CONDITION_HOLDS_RESERVED / CONDITION_HOLDS_SOLD",
            "DynamoOrderRepository.java: condition", "write()'s parameter: create/update pass CONDITION_NEW / CONDITION_VERSION",
            "DynamoPaymentRepository.java: update.updateExpression()", "an Update built by this class from UPDATE_TRANSITION and literal fragments",
            "DynamoPaymentRepository.java: update.conditionExpression()", "CONDITION_STATUS_IS, set by this class",
            "DynamoPaymentRepository.java: expression.toString()", "a StringBuilder of UPDATE_TRANSITION and literal ', #x = :x' fragments");

    @Test
    void sources_shouldBuildEveryExpressionFromConstantsWithPlaceholders() throws IOException {
        Path root = Path.of(System.getProperty("meridian.root", "../.."));
        List<Path> sources = new ArrayList<>();
        for (Path dir : List.of(root.resolve("layers/common/src/main/java"), root.resolve("functions"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).forEach(sources::add);
            }
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : sources) {
            String src = Files.readString(file);
            Map<String, String> constants = new HashMap<>();
            Matcher c = CONSTANT.matcher(src);
            while (c.find()) {
                constants.put(c.group(1), c.group(2).trim());
            }
            Matcher call = CALL.matcher(src);
            while (call.find()) {
                String arg = argument(src, call.end());
                if (arg.isEmpty()) {
                    continue; // a getter (update.updateExpression()), not a builder call
                }
                String where = file.getFileName() + ": " + arg;
                checked++;
                String value = evaluate(arg, constants);
                if (value != null) {
                    String bad = nonPlaceholderWords(value);
                    if (bad != null) {
                        problems.add(where + " = \"" + value + "\" uses '" + bad + "' outside a placeholder");
                    }
                } else if (!REVIEWED.containsKey(where)) {
                    problems.add(where + " is built at run time and not reviewed (is request data concatenated in?)");
                }
                if (arg.contains("String.format") || arg.contains("formatted(")) {
                    problems.add(where + " formats a string into an expression");
                }
            }
            for (String name : constants.keySet()) {
                if ((name.startsWith("CONDITION_") || name.startsWith("UPDATE_")) && evaluate(name, constants) != null) {
                    String bad = nonPlaceholderWords(evaluate(name, constants));
                    if (bad != null) {
                        problems.add(file.getFileName() + ": " + name + " uses '" + bad + "' outside a placeholder");
                    }
                }
            }
        }
        assertThat(checked).as("expression call sites found (the scan works)").isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    @Test
    void wire_shouldCarryOnlyPlaceholderExpressions_afterSagasAndHostileRequests() {
        // given: a saga, a cancel, and requests with expression syntax in every field
        Emulator stack = SecurityStack.get();
        Tokens tokens = new Tokens(stack);
        String sku = SecurityStack.product(120, 100);
        LocalApi alice = SecurityStack.as(tokens.valid("alice-expr", false));
        String orderId = SecurityStack.settledOrder(alice, sku, "tok_ok");
        alice.post("/orders/" + orderId + "/cancel", null);
        String injection = "x) OR attribute_exists(#pk";
        alice.header("Idempotency-Key", "#pk = :v OR").post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                "payment", Map.of("token", "tok_ok")));
        alice.post("/orders", Map.of("lines", List.of(Map.of("sku", injection, "quantity", 1)), "payment", Map.of("token", "tok_ok")));
        SecurityStack.as(tokens.valid("ops-expr", true)).put("/products/" + sku, Map.of("name", "SET #available = :q) OR (#sold",
                "price", 1, "currency", "EUR"));
        SecurityStack.awaitQuiet();
        // then
        assertThat(ExpressionRecorder.SEEN.keySet()).as("the recorder sees the functions' own requests (inventory's reservation)")
                .anyMatch(e -> e.startsWith("SET #available = #available - :q"));
        List<String> problems = new ArrayList<>();
        ExpressionRecorder.SEEN.forEach((expression, where) -> {
            String bad = nonPlaceholderWords(expression);
            if (bad != null) {
                problems.add(where + ": \"" + expression + "\" uses '" + bad + "' outside a placeholder");
            }
        });
        assertThat(problems).isEmpty();
    }

    /** Negative control: the check catches an expression with a value spliced in. */
    @Test
    void check_shouldCatchAnExpressionWithRequestDataSplicedIn() {
        assertThat(nonPlaceholderWords("SET #status = :to, #v = #v + :one REMOVE #bucket")).isNull();
        assertThat(nonPlaceholderWords("attribute_not_exists(#pk) OR #leaseUntil < :expiredBefore")).isNull();
        assertThat(nonPlaceholderWords("#sku = " + "SKU-1")).isEqualTo("SKU");
        assertThat(nonPlaceholderWords("#name = 'x' OR attribute_exists(#pk)")).isEqualTo("a quote");
        assertThat(nonPlaceholderWords("begins_with(#pk, PRODUCT)")).isEqualTo("PRODUCT");
        assertThat(evaluate("\"#a = \" + B", Map.of("B", "\":b\""))).isEqualTo("#a = :b");
        assertThat(evaluate("\"#a = \" + sku", Map.of())).isNull();
    }

    /** The first word outside a placeholder that is not expression grammar, or null. */
    static String nonPlaceholderWords(String expression) {
        if (expression.contains("'") || expression.contains("\"")) {
            return "a quote";
        }
        String rest = PLACEHOLDER.matcher(expression).replaceAll(" ");
        for (String word : rest.split("[\\s(),=<>+\\-\\[\\].]+")) {
            if (!word.isEmpty() && !GRAMMAR.contains(word.toLowerCase(Locale.ROOT)) && !word.matches("[0-9]+")) {
                return word;
            }
        }
        return null;
    }

    /** The literal value of a constant expression (literals and constants joined by +), or null if it is not constant. */
    static String evaluate(String expr, Map<String, String> constants) {
        StringBuilder out = new StringBuilder();
        for (String part : splitPlus(expr.trim())) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                out.append(p, 1, p.length() - 1);
            } else if (p.matches("[A-Z][A-Z0-9_]*") && constants.containsKey(p)) {
                String v = evaluate(constants.get(p), constants);
                if (v == null) {
                    return null;
                }
                out.append(v);
            } else {
                return null;
            }
        }
        return out.toString();
    }

    private static List<String> splitPlus(String expr) {
        List<String> parts = new ArrayList<>();
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < expr.length(); i++) {
            char ch = expr.charAt(i);
            if (ch == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (ch == '+' && !inString) {
                parts.add(expr.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(expr.substring(start));
        return parts;
    }

    /** The text of a call's argument, from just after its opening parenthesis to the matching one. */
    private static String argument(String src, int from) {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < src.length(); i++) {
            char ch = src.charAt(i);
            if (ch == '"' && src.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && ch == '(') {
                depth++;
            } else if (!inString && ch == ')' && --depth == 0) {
                return src.substring(from, i).trim();
            }
        }
        throw new UncheckedIOException(new IOException("unbalanced call at " + from));
    }
}
