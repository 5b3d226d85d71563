package dev.meridian.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** {@code projection := path ( ',' path )*}, the paths pairwise disjoint. */
final class ProjectionParser extends ParserBase {

    static final String KIND = "ProjectionExpression";

    ProjectionParser(String source, ExpressionAttributes attributes) {
        super(KIND, source, attributes);
    }

    /** A projection has no keywords: every bare word is a name (and perhaps a reserved one). */
    @Override
    boolean isKeyword(String word) {
        return false;
    }

    @Override
    List<Problem> priority() {
        return List.of(Problem.RESERVED, Problem.NAME, Problem.OVERLAP, Problem.FUNCTION);
    }

    ProjectionTree parse() {
        List<DocumentPath> paths = new ArrayList<>();
        do {
            if (!atPathStart()) {
                throw syntaxError();
            }
            paths.add(parsePath());
        } while (accept(Token.Kind.COMMA));
        ExpressionException overlap = DocumentPath.overlap(KIND, paths);
        if (overlap != null) {
            hold(Problem.OVERLAP, overlap);
        }
        finish();
        return ProjectionTree.of(paths);
    }
}
