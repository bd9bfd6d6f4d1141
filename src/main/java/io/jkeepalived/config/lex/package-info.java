/**
 * The keepalived.conf lexer: {@link io.jkeepalived.config.lex.ConfigReader} turns a configuration file and its
 * includes into {@link io.jkeepalived.config.ConfigNode} trees, doing what keepalived 2.2.7's
 * {@code lib/parser.c} ({@code read_line}, {@code decomment}, {@code replace_param}, {@code add_seq},
 * {@code add_lst}, {@code check_include}) does before any keyword is looked at.
 *
 * <h2>Shape of the tree</h2>
 * Every logical line is a node: keyword = first word, args = the other words. A line followed by a
 * <code>{</code> line (after splitting, see below) is a block whose children are the lines up to the matching
 * <code>}</code>. As in keepalived, a physical line is split at its first brace that is not inside double
 * quotes, and the rest is read again as a new line: {@code track_script { chk_a chk_b } x} gives the lines
 * {@code track_script}, <code>{</code>, {@code chk_a chk_b}, <code>}</code>, {@code x} - so the words inside
 * inline braces form ONE child line (keepalived then reports {@code chk_b} as an unknown track script option;
 * {@code virtual_ipaddress { 192.0.2.1 192.0.2.2 }} likewise gives one entry with an extra word).
 *
 * <h2>Words</h2>
 * Split as {@code alloc_strvec_quoted_escaped} does (the splitter keepalived uses for scripts): white space
 * separates words, {@code "} and {@code '} quote (quotes removed, {@code abcd" efg "h} is one word), escapes
 * {@code \a \b \E \f \n \r \t \v \nnn \xXX \cC \C} are decoded in and outside quotes. A lone {@code '} with no
 * partner is literal (keepalived's plain splitter has no single quotes: {@code O'Brien} stays valid).
 * Comments ({@code #}, {@code !}) end a line anywhere outside DOUBLE quotes; single quotes do not protect
 * them, exactly as keepalived's {@code decomment}. {@code \#} and {@code \!} outside quotes are literal.
 *
 * <h2>Positions</h2>
 * Every {@link io.jkeepalived.config.Token} has file, line and 1-based column; words produced by a definition
 * carry the position of the {@code $} that used it; lines of a multi-line definition carry the position of
 * its use. Files are named as keepalived names them (the include pattern as written, relative to the
 * including file's directory); the include chain lists "file:line" of each include line, outermost first.
 *
 * <h2>Where this is stricter than keepalived (it hangs or crashes on these)</h2>
 * <ul>
 * <li>A definition that uses itself ({@code $IF=${IF}}), directly, through others, or through the lines of a
 *     multi-line definition: error naming the chain and where the definition is, line ignored.</li>
 * <li>Include cycles (error with the chain), includes nested deeper than 32, include patterns longer than
 *     4096 characters, braces expanding to more than 1024 alternatives or 10,000 matches.</li>
 * <li>Files over 32 MiB (64 MiB for all files together) are refused: "is too large (N MiB, limit 32 MiB)".</li>
 * <li>Expansion: 4 Mi characters per line, 100,000 definition uses per line, 2,000,000 logical lines or 64 MiB
 *     in all, ~SEQ/~LST nested 16 deep; block nesting deeper than 100 is skipped with an error; findings stop
 *     being listed after 1000 (their number is given).</li>
 * <li>NUL bytes: "configuration appears to have embedded NULs - ignoring line" at the NUL's line:column (as
 *     keepalived after 2.2.7). Invalid UTF-8: error at line:column, then read with U+FFFD.</li>
 * </ul>
 *
 * <h2>Severities</h2>
 * Include problems follow keepalived's include checks: CANNOT_RUN when the include variant
 * ({@code includer/m/w/b/a}), {@code include_check} or {@code -e} asks for that check, otherwise INFO (keepalived
 * prints them but exits 0). Brace, quote, definition and sequence problems are ERROR.
 *
 * <h2>Not done here</h2>
 * Whether a keyword takes a block is the keyword layer's business, so "Missing '{' at beginning of
 * configuration block" (keepalived's text) and "Unknown keyword" are reported there; a block where none is
 * allowed arrives as a node with {@code isBlock() == true}.
 */
package io.jkeepalived.config.lex;
