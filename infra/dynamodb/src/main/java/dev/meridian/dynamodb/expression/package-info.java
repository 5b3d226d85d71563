/**
 * DynamoDB's expression language for the engine: condition and filter, key condition, update
 * and projection expressions with their {@code #name} and {@code :value} placeholders.
 *
 * <p>How it works: {@link dev.meridian.dynamodb.expression.Lexer} splits the text into tokens;
 * a recursive-descent parser per kind of expression builds an immutable tree of records
 * ({@code ConditionTree}, {@code UpdateTree}, {@code ProjectionTree}); each node evaluates
 * itself over an item. Parse once per request; a parsed expression can be evaluated on any
 * number of items, from any thread. {@link dev.meridian.dynamodb.expression.Legacy} builds the
 * pre-expression parameters (Expected, QueryFilter, ScanFilter, KeyConditions, AttributesToGet,
 * AttributeUpdates) into the same trees.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every rejection is a {@link dev.meridian.dynamodb.DynamoDbException} ValidationException
 *       (an {@link dev.meridian.dynamodb.expression.ExpressionException} carrying the position)
 *       with DynamoDB's message; a syntax error anywhere is reported before an undefined
 *       placeholder or a reserved word.</li>
 *   <li>Values of different types never compare: the comparison is false ({@code <>} true);
 *       {@code < <= > >= BETWEEN} order only S (code points), N (numerically) and B (unsigned
 *       bytes); {@code =} compares any two values, sets regardless of order.</li>
 *   <li>An update evaluates every right-hand side against the item as it was before the update
 *       and never changes the map it is given; arithmetic is exact and checked to 38 digits.</li>
 *   <li>DynamoDB's limits: 4 KB per expression string, 300 operators and functions, 32 levels
 *       in a document path, 100 operands of IN.</li>
 * </ul>
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Messages DynamoDB does not document are taken from what the service is known to
 *       answer; a few rare ones (an index too large for a list, an empty attribute name) are
 *       worded here and may differ from the service's text.</li>
 *   <li>{@code size} of a string counts its UTF-8 bytes.</li>
 *   <li>Which of several problems in one expression is reported follows DynamoDB's order for
 *       the common kinds (syntax first, then parentheses, functions, reserved words,
 *       placeholders, overlapping paths, operand types); rarer combinations may name another
 *       of the problems than the service would.</li>
 * </ul>
 */
package dev.meridian.dynamodb.expression;
