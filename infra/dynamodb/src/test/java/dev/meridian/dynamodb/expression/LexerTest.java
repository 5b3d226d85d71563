package dev.meridian.dynamodb.expression;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexerTest {

    private static List<String> kinds(String source) {
        return Lexer.tokenize(source).stream().map(t -> t.kind() + ":" + t.text()).toList();
    }

    @Test
    void tokenize_shouldSplitOperatorsPlaceholdersAndWords() {
        assertThat(kinds("a.b[10] <> :v_1 AND #n>=:x"))
                .containsExactly("WORD:a", "DOT:.", "WORD:b", "LBRACKET:[", "WORD:10", "RBRACKET:]", "NE:<>", "VALUE_REF::v_1",
                        "WORD:AND", "NAME_REF:#n", "GE:>=", "VALUE_REF::x", "EOF:");
        assertThat(kinds("x<=y<z>w=v,(+)-")).containsExactly("WORD:x", "LE:<=", "WORD:y", "LT:<", "WORD:z", "GT:>", "WORD:w",
                "EQ:=", "WORD:v", "COMMA:,", "LPAREN:(", "PLUS:+", "RPAREN:)", "MINUS:-", "EOF:");
    }

    @Test
    void tokenize_shouldMarkCharactersNoTokenStartsWith_asInvalid() {
        assertThat(kinds("a ! # : é")).containsExactly("WORD:a", "INVALID:!", "INVALID:#", "INVALID::", "INVALID:é", "EOF:");
        assertThat(kinds("😀")).containsExactly("INVALID:😀", "EOF:");
    }

    @Test
    void tokens_shouldKnowWhereTheyAre() {
        Token t = Lexer.tokenize("  abc = :v").get(1);
        assertThat(t.start()).isEqualTo(6);
        assertThat(t.end()).isEqualTo(7);
    }
}
