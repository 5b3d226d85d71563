package dev.meridian.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** {@code projection := path ( ',' path )*}, the paths pairwise disjoint. */
final class ProjectionParser extends ParserBase {

    static final String KIND = "ProjectionExpression";

    ProjectionParser(String source, ExpressionAttributes attributes) {
        super(KIND, source, attributes);
    }

    ProjectionTree parse() {
        List<DocumentPath> paths = new ArrayList<>();
        do {
            if (!atPathStart()) {
                throw syntaxError();
            }
            paths.add(parsePath());
        } while (accept(Token.Kind.COMMA));
        finish();
        DocumentPath.checkDisjoint(KIND, paths);
        return ProjectionTree.of(paths);
    }
}
