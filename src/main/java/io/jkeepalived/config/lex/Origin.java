package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;
import java.util.List;

/** The file, line and include chain a logical line came from; columns are added per character. */
record Origin(String file, int line, List<String> includeChain) {
    SourcePos at(int column) {
        return new SourcePos(file, line, column, includeChain);
    }

    /** "file:line", the form used in include chains. */
    String where() {
        return file + ":" + line;
    }
}
