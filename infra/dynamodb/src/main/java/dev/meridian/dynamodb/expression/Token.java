package dev.meridian.dynamodb.expression;

/** One token of an expression: its kind, its text and where it sits in the expression (character offsets). */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** Letters, digits and underscores: a bare attribute name, a keyword, a function name or a list index. */
        WORD,
        /** {@code #name}: an ExpressionAttributeNames placeholder. */
        NAME_REF,
        /** {@code :value}: an ExpressionAttributeValues placeholder. */
        VALUE_REF,
        LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
        /** A character no token starts with; the parser reports it as a syntax error. */
        INVALID,
        EOF
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** The token as DynamoDB names it in a syntax error. */
    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
