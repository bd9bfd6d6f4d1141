package io.jkeepalived.config.keywords;

import java.util.Optional;

/**
 * One (block, keyword) row of keepalived's keyword tables.
 *
 * @param block         the block kind the keyword belongs to (ROOT, global_defs, vrrp_instance, checker, url ...)
 * @param opens         whether the keyword opens a block of keywords, a free-form list, or nothing
 * @param since         the first keepalived release that knows it ("<=2.2.7", "2.2.8+", "2.3.0+", "HEAD")
 * @param deprecatedOf  the keyword that replaces it ("*" = deprecated without a successor)
 */
public record KeywordDef(String block, String keyword, Opens opens, String since, Optional<String> deprecatedOf,
        String meaning) {

    public enum Opens { NOTHING, BLOCK, LIST }

    /** keepalived 2.2.7, the version we are a drop-in for, knows this keyword. */
    public boolean knownTo227() {
        return since.equals("<=2.2.7");
    }

    public boolean deprecated() {
        return deprecatedOf.isPresent();
    }
}
