package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What every expression parser shares: the token cursor, DynamoDB's syntax-error message,
 * document paths and placeholders. Errors that are not syntax errors (an undefined
 * placeholder, a reserved word) are held until the whole expression has parsed, so that a
 * syntax error anywhere is reported first, as DynamoDB does; of the held ones, the first of the
 * most important kind is reported, in the order each kind of expression gives in {@link #priority()}.
 */
abstract class ParserBase {

    /** The kinds of problem found while parsing that are reported after the syntax is known to be right. */
    enum Problem {
        PARENS, RESERVED, UNKNOWN_FUNCTION, MISUSED_FUNCTION, SECTION, NAME, VALUE, OVERLAP, OPERAND_COUNT, DISTINCT, OPERAND, FUNCTION,
        /** The problem reported for the first condition of a condition expression that had one. */
        CONDITION,
        /** More operators and functions than DynamoDB allows in one expression. */
        LIMIT
    }

    /** DynamoDB's limit on the operators and functions in one expression ({@code a > :v AND b < :w} has three). */
    static final int MAX_OPERATORS = 300;

    /** DynamoDB's limit on the length of one expression string. */
    static final int MAX_EXPRESSION_BYTES = 4096;

    /** Stands in for an undefined value placeholder until the held error is thrown (compared by identity). */
    static final AttributeValue MISSING = new AttributeValue.NULL();

    final String kind;
    final String source;
    final ExpressionAttributes attributes;
    private final List<Token> tokens;
    private int pos;
    private final Map<Problem, ExpressionException> held = new EnumMap<>(Problem.class);
    private int operators;

    ParserBase(String kind, String source, ExpressionAttributes attributes) {
        this.kind = kind;
        this.source = source == null ? "" : source;
        this.attributes = attributes == null ? ExpressionAttributes.none() : attributes;
        if (this.source.isBlank()) {
            throw new ExpressionException("Invalid " + kind + ": The expression can not be empty;", 0);
        }
        int bytes = this.source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw new ExpressionException("Invalid " + kind
                    + ": Expression size has exceeded the maximum allowed size; expression size: " + bytes, -1);
        }
        this.tokens = Lexer.tokenize(this.source);
    }

    // ---- cursor

    final Token peek() {
        return tokens.get(pos);
    }

    final Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    final Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) pos++;
        return t;
    }

    final boolean at(Token.Kind kind) {
        return peek().kind() == kind;
    }

    final boolean atWord(String word) {
        return peek().isWord(word);
    }

    final boolean accept(Token.Kind kind) {
        if (at(kind)) {
            pos++;
            return true;
        }
        return false;
    }

    final Token expect(Token.Kind kind) {
        if (!at(kind)) {
            throw syntaxError();
        }
        return next();
    }

    /** Counts one operator or function towards {@link #MAX_OPERATORS}. */
    final void countOperator() {
        operators++;
    }

    /** After the grammar's top rule: nothing may follow, and a held error is thrown now. */
    final void finish() {
        if (!at(Token.Kind.EOF)) {
            throw syntaxError();
        }
        if (operators > MAX_OPERATORS) {
            hold(Problem.LIMIT, invalid("The expression contains too many operators; operator count: " + operators, null));
        }
        if (!held.isEmpty()) {
            for (Problem p : priority()) {
                ExpressionException e = held.get(p);
                if (e != null) throw e;
            }
            throw held.values().iterator().next();
        }
    }

    /** The order in which held problems are reported (kinds not listed come after, in declaration order). */
    abstract List<Problem> priority();

    /** The kind a problem is held as; a parser may merge kinds DynamoDB reports as one. */
    Problem category(Problem p) {
        return p;
    }

    // ---- errors

    /** {@code Invalid <Kind>: Syntax error; token: "<tok>", near: "<prev tok next>"} at the current token. */
    final ExpressionException syntaxError() {
        Token t = peek();
        int from = pos > 0 ? tokens.get(pos - 1).start() : t.start();
        int to;
        if (t.kind() == Token.Kind.EOF) {
            to = source.length();
        } else {
            Token after = tokens.get(pos + 1);
            to = after.kind() == Token.Kind.EOF ? t.end() : after.end();
        }
        return new ExpressionException("Invalid " + kind + ": Syntax error; token: \"" + t.display() + "\", near: \""
                + source.substring(from, to) + "\"", t.start());
    }

    final ExpressionException invalid(String detail, Token at) {
        return new ExpressionException("Invalid " + kind + ": " + detail, at == null ? -1 : at.start());
    }

    /** The first held problem of the given kinds, in that order, or null. */
    final ExpressionException firstHeld(List<Problem> kinds) {
        for (Problem p : kinds) {
            ExpressionException e = held.get(p);
            if (e != null) return e;
        }
        return null;
    }

    /** Keeps the first problem of its kind, to be thrown once the expression has parsed. */
    final void hold(Problem kind, ExpressionException e) {
        held.putIfAbsent(category(kind), e);
    }

    // ---- paths and placeholders

    final boolean atPathStart() {
        Token t = peek();
        return t.kind() == Token.Kind.NAME_REF || isBareName(t);
    }

    /** A word that can be an attribute name here: not starting with a digit, not a keyword of the grammar. */
    final boolean isBareName(Token t) {
        return t.kind() == Token.Kind.WORD && !startsWithDigit(t.text()) && !isKeyword(t.text());
    }

    /** A function call starts here: a word that is not a keyword, then '('. */
    final boolean atCall() {
        Token t = peek();
        return t.kind() == Token.Kind.WORD && !isKeyword(t.text()) && peek(1).kind() == Token.Kind.LPAREN;
    }

    /** Words the grammar gives a meaning; used where a name is expected they are syntax errors. */
    boolean isKeyword(String word) {
        return word.equalsIgnoreCase("AND") || word.equalsIgnoreCase("OR") || word.equalsIgnoreCase("NOT")
                || word.equalsIgnoreCase("BETWEEN") || word.equalsIgnoreCase("IN");
    }

    /** {@code name ( '.' name | '[' digits ']' )*} where name is a bare word or a {@code #placeholder}. */
    final DocumentPath parsePath() {
        Token first = peek();
        List<DocumentPath.Element> elements = new ArrayList<>(4);
        elements.add(new DocumentPath.Key(pathName()));
        while (true) {
            if (accept(Token.Kind.DOT)) {
                elements.add(new DocumentPath.Key(pathName()));
            } else if (at(Token.Kind.LBRACKET)) {
                next();
                Token digits = peek();
                if (digits.kind() != Token.Kind.WORD || !allDigits(digits.text())) {
                    throw syntaxError();
                }
                int index;
                try {
                    index = Integer.parseInt(digits.text());
                } catch (NumberFormatException e) {
                    throw invalid("List index is too large; index: " + digits.text(), digits);
                }
                next();
                expect(Token.Kind.RBRACKET);
                elements.add(new DocumentPath.Index(index));
            } else {
                break;
            }
        }
        if (elements.size() > DocumentPath.MAX_DEPTH) {
            hold(Problem.FUNCTION, invalid("The document path has too many nesting levels; nesting levels: " + elements.size(), first));
        }
        return new DocumentPath(elements);
    }

    private String pathName() {
        Token t = peek();
        if (t.kind() == Token.Kind.NAME_REF) {
            next();
            String name = attributes.nameOrNull(t.text());
            if (name == null) {
                hold(Problem.NAME, invalid(ExpressionAttributes.missingName(t.text()), t));
                return t.text();
            }
            return name;
        }
        if (isBareName(t)) {
            next();
            if (ReservedWords.isReserved(t.text())) {
                hold(Problem.RESERVED, invalid("Attribute name is a reserved keyword; reserved keyword: " + t.text(), t));
            }
            return t.text();
        }
        throw syntaxError();
    }

    /** Resolves the {@code :value} token at the cursor. */
    final AttributeValue parseValueRef() {
        Token t = expect(Token.Kind.VALUE_REF);
        AttributeValue v = attributes.valueOrNull(t.text());
        if (v == null) {
            hold(Problem.VALUE, invalid(ExpressionAttributes.missingValue(t.text()), t));
            return MISSING;
        }
        return v;
    }

    static boolean startsWithDigit(String s) {
        char c = s.charAt(0);
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
