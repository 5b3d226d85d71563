package dev.meridian.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; never fails: an unknown character becomes an INVALID token. */
final class Lexer {

    private Lexer() {
    }

    static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>(Math.max(8, source.length() / 3));
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            Token.Kind kind;
            if (isWordChar(c)) {
                while (i < n && isWordChar(source.charAt(i))) i++;
                kind = Token.Kind.WORD;
            } else if ((c == '#' || c == ':') && i + 1 < n && isWordChar(source.charAt(i + 1))) {
                i++;
                while (i < n && isWordChar(source.charAt(i))) i++;
                kind = c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
            } else {
                i++;
                char next = i < n ? source.charAt(i) : 0;
                switch (c) {
                    case '(' -> kind = Token.Kind.LPAREN;
                    case ')' -> kind = Token.Kind.RPAREN;
                    case '[' -> kind = Token.Kind.LBRACKET;
                    case ']' -> kind = Token.Kind.RBRACKET;
                    case ',' -> kind = Token.Kind.COMMA;
                    case '.' -> kind = Token.Kind.DOT;
                    case '=' -> kind = Token.Kind.EQ;
                    case '+' -> kind = Token.Kind.PLUS;
                    case '-' -> kind = Token.Kind.MINUS;
                    case '<' -> {
                        if (next == '>') {
                            i++;
                            kind = Token.Kind.NE;
                        } else if (next == '=') {
                            i++;
                            kind = Token.Kind.LE;
                        } else {
                            kind = Token.Kind.LT;
                        }
                    }
                    case '>' -> {
                        if (next == '=') {
                            i++;
                            kind = Token.Kind.GE;
                        } else {
                            kind = Token.Kind.GT;
                        }
                    }
                    default -> {
                        if (Character.isHighSurrogate(c) && i < n) i++;
                        kind = Token.Kind.INVALID;
                    }
                }
            }
            tokens.add(new Token(kind, source.substring(start, i), start, i));
        }
        tokens.add(new Token(Token.Kind.EOF, "", n, n));
        return tokens;
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
