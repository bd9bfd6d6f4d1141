package io.jkeepalived.config.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.Token;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The lexer's features one by one: tree shape, words, positions, definitions, conditions, sequences. */
class ConfigReaderTest {
    static ParsedConfig parse(String text) {
        return ConfigReader.read(text, "k.conf", new ConfigReader.Options("main", false));
    }

    static String tree(String text) {
        ParsedConfig pc = parse(text);
        assertEquals("", TreeText.diags(pc), "unexpected diagnostics");
        return TreeText.of(pc);
    }

    static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    @Nested
    class Blocks {
        @Test
        void braceOnSameLineNextLineAndInline() {
            assertEquals(lines(
                    "a|1 {", "  b|2", "}",
                    "c {", "  d", "}",
                    "track_script {", "  chk_a|chk_b", "}",
                    "x|y"),
                    tree(lines("a 1 {", "  b 2", "}", "c", "", "# comment", "{", "d", "}",
                            "track_script { chk_a chk_b } x y")));
        }

        @Test
        void wordsInsideInlineBracesAreOneLineAsInKeepalived() {
            // keepalived's read_line splits only at braces: "chk_a chk_b" reaches the block as one line.
            assertEquals(lines("virtual_ipaddress {", "  192.0.2.1|192.0.2.2", "}"),
                    tree("virtual_ipaddress { 192.0.2.1 192.0.2.2 }\n"));
        }

        @Test
        void closingBraceFollowedByTextAndNestedInlineBlocks() {
            assertEquals(lines("a {", "  b {", "    c", "  }", "}", "d {", "}", "e"),
                    tree("a { b { c } } d {\n} e\n"));
        }

        @Test
        void leafBlockWithNoChildrenIsStillABlock() {
            ParsedConfig pc = parse("static_ipaddress {\n}\nrouter_id\n");
            assertTrue(pc.roots().get(0).isBlock());
            assertTrue(pc.roots().get(0).children().isEmpty());
            assertTrue(!pc.roots().get(1).isBlock());
        }

        @Test
        void bracesInsideDoubleQuotesDoNotSplit() {
            assertEquals(lines("script|/bin/sh -c '{ echo; }'"), tree("script \"/bin/sh -c '{ echo; }'\"\n"));
        }
    }

    @Nested
    class Comments {
        @Test
        void hashAndBangAnywhereOutsideDoubleQuotes() {
            // In "e\\\\!f" the first backslash escapes the second, so the ! starts a comment.
            assertEquals(lines("a|b", "c|x # y", "d|e\\"),
                    tree(lines("a b # c d", "! whole line", "c \"x # y\" ! z", "d e\\\\!f # t")));
        }

        @Test
        void escapedCommentCharacters() {
            assertEquals(lines("a|#b|!c"), tree("a \\#b \\!c\n"));
        }

        @Test
        void singleQuotesDoNotProtectFromCommentsAsInKeepalived() {
            assertEquals(lines("a|'x"), tree("a 'x # y'\n"));
        }
    }

    @Nested
    class Quoting {
        @Test
        void quotesAreRemovedAndJoinAdjacentText() {
            assertEquals(lines("s|abcd efg h jkl mnop", "t|abcd|efg h jkl|mnop", "u|a b|c d"),
                    tree(lines("s abcd\" efg h jkl \"mnop", "t abcd \"efg h jkl\" mnop", "u 'a b' \"c d\"")));
        }

        @Test
        void escapes() {
            ParsedConfig pc = parse("e \"\\a\\b\\E\\f\\n\\r\\t\\v\" \\101\\x41\\x4a2 \\cA\\q \\\\ \"\\\"\"\n");
            assertEquals(List.of("e", "\u0007\b\u001b\f\n\r\t\u000b", "AAJ2", "\u0001q", "\\", "\""),
                    pc.roots().get(0).words());
        }

        @Test
        void loneApostropheIsLiteral() {
            assertEquals(lines("router_id|O'Brien"), tree("router_id O'Brien\n"));
        }

        @Test
        void unmatchedDoubleQuoteIsReportedAtTheQuote() {
            ParsedConfig pc = parse("notify \"/bin/x a\n");
            assertEquals("ERROR k.conf:1:8 Unmatched quote: 'notify \"/bin/x a'\n", TreeText.diags(pc));
            assertEquals(List.of("notify", "/bin/x a"), pc.roots().get(0).words());
        }

        @Test
        void emptyQuotedWord() {
            assertEquals(List.of("a", "", "b"), parse("a \"\" b\n").roots().get(0).words());
        }
    }

    @Nested
    class Positions {
        @Test
        void everyWordHasItsLineAndColumn() {
            ParsedConfig pc = parse("vrrp_instance VI_1 {\n\tstate  MASTER\n    virtual_ipaddress { 192.0.2.1/24 }\n}\n");
            ConfigNode vi = pc.roots().get(0);
            assertEquals(SourcePos.of("k.conf", 1, 1), vi.keyword().pos());
            assertEquals(SourcePos.of("k.conf", 1, 15), vi.args().get(0).pos());
            ConfigNode state = vi.children().get(0);
            assertEquals(SourcePos.of("k.conf", 2, 2), state.pos());
            assertEquals(SourcePos.of("k.conf", 2, 9), state.args().get(0).pos());
            ConfigNode vip = vi.children().get(1).children().get(0);
            assertEquals(new Token("192.0.2.1/24", SourcePos.of("k.conf", 3, 25)), vip.keyword());
        }

        @Test
        void positionsAfterConditionAndQuotes() {
            ParsedConfig pc = parse("  @main router_id \"a b\" c\n");
            ConfigNode n = pc.roots().get(0);
            assertEquals(9, n.pos().column());
            assertEquals(19, n.args().get(0).pos().column());
            assertEquals(25, n.args().get(1).pos().column());
        }

        @Test
        void expandedWordsPointAtTheUseOfTheDefinition() {
            ParsedConfig pc = parse("$ADDR=192.0.2.1 192.0.2.2\nvip $ADDR x\n");
            ConfigNode n = pc.roots().get(0);
            assertEquals(List.of("vip", "192.0.2.1", "192.0.2.2", "x"), n.words());
            assertEquals(5, n.args().get(0).pos().column());
            assertEquals(5, n.args().get(1).pos().column());
            assertEquals(11, n.args().get(2).pos().column());
            assertEquals(2, n.pos().line());
        }

        @Test
        void linesOfAMultiLineDefinitionPointAtItsUse() {
            ParsedConfig pc = parse("$B= \\\r\nvrrp_instance v { \\\r\n  priority 1 \\\r\n}\r\n\r\nx\r\n   $B\r\n");
            assertEquals(lines("x", "vrrp_instance|v {", "  priority|1", "}"), TreeText.of(pc));
            ConfigNode vi = pc.roots().get(1);
            assertEquals(SourcePos.of("k.conf", 7, 4), vi.pos());
            assertEquals(SourcePos.of("k.conf", 7, 4), vi.children().get(0).args().get(0).pos());
        }

        @Test
        void crlfLineEndsAndTabs() {
            ParsedConfig pc = parse("a\tb\r\nc\r\n");
            assertEquals(lines("a|b", "c"), TreeText.of(pc));
            assertEquals(3, pc.roots().get(0).args().get(0).pos().column());
        }
    }

    @Nested
    class Definitions {
        @Test
        void plainAndBracedUse() {
            assertEquals(lines("interface|eth0", "x|eth0.1|eth0,eth0)"),
                    tree(lines("$IF=eth0", "interface $IF", "x ${IF}.1 $IF,$IF)")));
        }

        @Test
        void undefinedAndNotFollowedByBlankAreLeftAlone() {
            assertEquals(lines("a|$UNDEF|$IFx|$|$IF", "b|$1"),
                    tree(lines("$IF=eth0", "a $UNDEF $IFx $ \"$IF\"", "b $1")));
        }

        @Test
        void anUndefinedBracedUseIsSplitAtItsBracesAsInKeepalived() {
            // keepalived 2.2.7 reports "Unexpected '{'" and "Unknown keyword 'UNDEF'" for this line.
            ParsedConfig pc = parse("router_id ${UNDEF}\n");
            // The lexer does not know router_id takes no block; the keyword layer reports it.
            assertEquals(lines("router_id|$ {", "  UNDEF", "}"), TreeText.of(pc));
        }

        @Test
        void expansionIsRecursiveAtUseTime() {
            // The example of keepalived.conf(5).
            assertEquals(lines("10.2.0.100/32", "10.2.10.100/32"), tree(lines(
                    "$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}",
                    "$ADDRESS_BASE_SUB=0",
                    "${ADDRESS_BASE}.100/32",
                    "$ADDRESS_BASE_SUB=10",
                    "${ADDRESS_BASE}.100/32")));
        }

        @Test
        void conditionalDefinitionsAndDefinitionsThatAreConditions() {
            assertEquals(lines("priority|240", "priority|241"), tree(lines(
                    "@main $PRIORITY=240", "@backup $PRIORITY=200", "priority $PRIORITY",
                    "$IF_MAIN=@main", "$IF_MAIN priority 241", "$IF_BACKUP=@backup", "$IF_BACKUP priority 1")));
        }

        @Test
        void emptyValueAndSpaceBeforeEqualsIsNotADefinition() {
            assertEquals(lines("a|b", "$X|=1"), tree(lines("$E=", "a ${E}b", "$X =1")));
        }

        @Test
        void multiLineDefinitionFromTheManPage() {
            String text = lines(
                    "$INSTANCE= \\",
                    "vrrp_instance VI_${NUM} { \\",
                    "    interface eth0.${NUM} \\",
                    "    @high priority 130 \\",
                    "    @main priority 120 \\",
                    "    virtual_ipaddress { \\",
                    "        10.0.${NUM}.254/24 \\",
                    "    } \\",
                    "}",
                    "",
                    "$NUM=0",
                    "$INSTANCE",
                    "$NUM=1",
                    "$INSTANCE");
            String one = lines("vrrp_instance|VI_%1$s {", "  interface|eth0.%1$s", "  priority|120",
                    "  virtual_ipaddress {", "    10.0.%1$s.254/24", "  }", "}");
            assertEquals(one.formatted("0") + one.formatted("1"), tree(text));
        }

        @Test
        void nestedMultiLineDefinitions() {
            String text = lines(
                    "$RS= \\",
                    "real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\",
                    "    weight 1 \\",
                    "}",
                    "$VS= \\",
                    "virtual_server 10.0.${VS_NUM}.4 80 { \\",
                    "    $RS_NUM=1 \\",
                    "    $RS \\",
                    "    $RS_NUM=2 \\",
                    "    $RS \\",
                    "}",
                    "$VS_NUM=0",
                    "$VS",
                    "$VS_NUM=1",
                    "$VS");
            String vs = lines("virtual_server|10.0.%1$s.4|80 {",
                    "  real_server|192.168.%1$s.1|80 {", "    weight|1", "  }",
                    "  real_server|192.168.%1$s.2|80 {", "    weight|1", "  }", "}");
            assertEquals(vs.formatted("0") + vs.formatted("1"), tree(text));
        }

        @Test
        void multiLineDefinitionEndsAtAnEmptyLine() {
            assertEquals(lines("c", "a", "b"), tree(lines("$M=a \\", "b \\", "", "c", "$M")));
        }

        @Test
        void multiLineDefinitionIsOnlyUsedAtTheEndOfALine() {
            assertEquals(lines("x|$M|y"), tree(lines("$M=a \\", "b", "x $M y")));
        }

        @Test
        void selfReferenceIsAnErrorNotAHang() {
            ParsedConfig pc = parse(lines("$IF=${IF}", "interface $IF", "after"));
            assertEquals("ERROR k.conf:2:1 Definition $IF refers to itself: $IF -> $IF (defined at k.conf:1:1)"
                    + " - line ignored\n", TreeText.diags(pc));
            assertEquals(lines("after"), TreeText.of(pc));
        }

        @Test
        void mutualRecursionNamesTheChain() {
            ParsedConfig pc = parse(lines("$A=x ${B}", "$B=y $A", "use $A"));
            assertEquals("ERROR k.conf:3:1 Definition $A refers to itself: $A -> $B -> $A (defined at k.conf:1:1)"
                    + " - line ignored\n", TreeText.diags(pc));
        }

        @Test
        void repeatedUseIsNotACycle() {
            assertEquals(lines("v|a-a|a-a"), tree(lines("$A=a", "$B=${A}-${A}", "v $B $B")));
        }

        @Test
        void exponentialExpansionIsCapped() {
            var sb = new StringBuilder("$D0=xxxxxxxxxxxxxxxx\n");
            for (int i = 1; i <= 40; i++) {
                sb.append("$D").append(i).append("=${D").append(i - 1).append("}${D").append(i - 1).append("}\n");
            }
            sb.append("a $D40\nb\n");
            ParsedConfig pc = parse(sb.toString());
            assertEquals(lines("b"), TreeText.of(pc));
            assertTrue(TreeText.diags(pc).contains("k.conf:42:1"), TreeText.diags(pc));
        }
    }

    @Nested
    class Builtins {
        @Test
        void instanceHashBangPwd() {
            ParsedConfig pc = parse("a ${_INSTANCE} \"${_HASH}${_BANG}\" ${_PWD}\n");
            assertEquals(List.of("a", "main", "#!", java.nio.file.Path.of("").toAbsolutePath().toString()),
                    pc.roots().get(0).words());
        }

        @Test
        void randomStaysInRange() {
            var sb = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                sb.append("r ${_RANDOM 5 7} ${_RANDOM} ${_RANDOM 3}\n");
            }
            for (ConfigNode n : parse(sb.toString()).roots()) {
                int a = Integer.parseInt(n.args().get(0).text());
                int b = Integer.parseInt(n.args().get(1).text());
                int c = Integer.parseInt(n.args().get(2).text());
                assertTrue(a >= 5 && a <= 7 && b >= 0 && b <= 32767 && c >= 3 && c <= 32767, n.words().toString());
            }
        }

        @Test
        void randomSeedMakesValuesRepeatable() {
            String text = "global_defs {\n random_seed 42\n}\nr ${_RANDOM} ${_RANDOM}\n";
            assertEquals(TreeText.of(parse(text)), TreeText.of(parse(text)));
        }

        @Test
        void randomWithWrongParameters() {
            ParsedConfig pc = parse("r \"${_RANDOM a}\" \"${_RANDOM 1 2 3}\"\n");
            assertEquals("ERROR k.conf:1:1 Definition _RANDOM requires numeric parameters only.\n"
                    + "ERROR k.conf:1:1 Definition _RANDOM requires between 0 and 2 parameters, 3 specified.\n",
                    TreeText.diags(pc));
            assertEquals(List.of("r", "${_RANDOM a}", "${_RANDOM 1 2 3}"), pc.roots().get(0).words());
        }

        @Test
        void environment() {
            String path = System.getenv("PATH");
            assertEquals(List.of("p", path == null ? "" : path, "x"),
                    parse("p ${_ENV PATH} x${_ENV JKX_SURELY_NOT_SET_1}\n").roots().get(0).words());
        }

        @Test
        void builtinsCanBeRedefined() {
            assertEquals(lines("x|mine"), tree("$_INSTANCE=mine\nx ${_INSTANCE}\n"));
        }
    }

    @Nested
    class Conditions {
        @Test
        void idAndNegatedId() {
            ConfigReader.Options backup = new ConfigReader.Options("backup", false);
            String text = lines("@main router_id main_router", "@backup router_id backup_router",
                    "unicast_peer {", "@^main 192.0.2.1", "@^backup 192.0.2.2", "@^backup2 192.0.2.3", "}",
                    "@main", "@^x");
            assertEquals(lines("router_id|main_router", "unicast_peer {", "  192.0.2.2", "  192.0.2.3", "}"),
                    tree(text));
            assertEquals(lines("router_id|backup_router", "unicast_peer {", "  192.0.2.1", "  192.0.2.3", "}"),
                    TreeText.of(ConfigReader.read(text, "k.conf", backup)));
        }
    }

    @Nested
    class Sequences {
        @Test
        void seqForms() {
            assertEquals(lines("a|1", "a|2", "a|3", "b|0", "b|3", "c|5", "c|4", "d|-1", "d|-2", "e|1", "e|0"),
                    tree(lines("~SEQ(i, 3) a $i", "~SEQ(j, 0, 3, 5) b $j", "~SEQ(k, 5, 4) c $k",
                            "~SEQ(l, -2) d $l", "~SEQ(m, 0) e $m")));
        }

        @Test
        void hexAndNested() {
            assertEquals(lines("fe81::10:90:12", "fe81::10:90:11", "fe81::10:a0:12", "fe81::10:a0:11"),
                    tree("~SEQx(AD2, 0x90, 0x10, 0xa0) ~SEQx(AD1, 0x12, -1, 0x11) fe81::10:${AD2}:${AD1}\n"));
        }

        @Test
        void seqWithDefinitionsAndMultiLineBody() {
            String text = lines("$N=2", "$B= \\", "vrrp_instance v${I} { \\", "  priority ${I} \\", "}",
                    "~SEQ(I, 1, $N) $B");
            assertEquals(lines("vrrp_instance|v1 {", "  priority|1", "}", "vrrp_instance|v2 {", "  priority|2", "}"),
                    tree(text));
        }

        @Test
        void seqInsideABlockKeepsItsPosition() {
            ParsedConfig pc = parse("virtual_ipaddress {\n  ~SEQ(S, 0, 1) 10.0.${S}.1\n}\n");
            List<ConfigNode> ch = pc.roots().get(0).children();
            assertEquals(2, ch.size());
            assertEquals(SourcePos.of("k.conf", 2, 17), ch.get(1).pos());
        }

        @Test
        void badSeqs() {
            ParsedConfig pc = parse(lines("~SEQ(i, 1, -1, 5) x", "~SEQ(i) x", "~SEQx(i, -3, 1) x", "~SEQ(i, 1 x",
                    "~SEQ x"));
            assertEquals("""
                    ERROR k.conf:1:1 Invalid ~SEQ values '~SEQ(i, 1, -1, 5) x'
                    ERROR k.conf:2:1 Invalid ~SEQ definition '~SEQ(i) x'
                    ERROR k.conf:3:1 ~SEQx is only valid for positive numbers '~SEQx(i, -3, 1) x'
                    ERROR k.conf:4:1 ~SEQ missing terminating ')' '~SEQ(i, 1 x'
                    ERROR k.conf:5:1 Invalid ~SEQ specification '~SEQ x'
                    """, TreeText.diags(pc));
            assertTrue(pc.roots().isEmpty());
        }

        @Test
        void lstForms() {
            assertEquals(lines("192.168.10.1", "192.168.20.4", "a|1", "a|2", "b|x|", "b|y|z"),
                    tree(lines("~LST({IP, IP1}, {10,1},{20,4}) 192.168.${IP}.${IP1}", "~LST(V, 1, 2) a $V",
                            "~LST({P,Q}, {x}, {y,z}) b $P \"${Q}\"")));
        }

        @Test
        void lstAndSeqCombined() {
            assertEquals(lines("192.168.10.1", "192.170.10.1", "192.168.20.4", "192.170.20.4"),
                    tree("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}\n"));
        }

        @Test
        void lstTooManyValues() {
            ParsedConfig pc = parse("~LST({A}, {1,2}) x\n");
            assertEquals("ERROR k.conf:1:1 ~LST specification has too many values '~LST({A}, {1,2}) x'\n",
                    TreeText.diags(pc));
        }

        @Test
        void sixtyFiveThousandInstancesFromTheManPage() {
            String text = "$V=vrrp_instance v${IF}.${NUM}.${ID}\n~SEQ(IF,0,7) ~SEQ(NUM,0,31) ~SEQ(ID,1,254) $V\n";
            ParsedConfig pc = parse(text);
            assertEquals(65024, pc.roots().size());
            assertEquals("v7.31.254", pc.roots().getLast().args().get(0).text());
        }
    }

    @Nested
    class Braces {
        @Test
        void extraClosingBrace() {
            ParsedConfig pc = parse("a {\n}\n  }\nb\n");
            assertEquals("ERROR k.conf:3:3 Extra '}' found\nERROR k.conf:3:3 Unknown keyword '}'\n", TreeText.diags(pc));
            assertEquals(lines("a {", "}", "b"), TreeText.of(pc));
        }

        @Test
        void missingClosingBraces() {
            ParsedConfig pc = parse("vrrp_instance VI_1 {\n  authentication {\n    auth_type PASS\n");
            assertEquals("ERROR k.conf:2:3 There are 2 missing '}'s or extra '{'s\n", TreeText.diags(pc));
            assertEquals(lines("vrrp_instance|VI_1 {", "  authentication {", "    auth_type|PASS", "  }", "}"),
                    TreeText.of(pc));
        }

        @Test
        void unexpectedOpeningBrace() {
            ParsedConfig pc = parse("a { }\n{\n b\n}\nc\n");
            assertEquals("ERROR k.conf:2:1 Unexpected '{' - ignoring\n", TreeText.diags(pc));
            assertEquals(lines("a {", "}", "b", "c"), TreeText.of(pc));
        }
    }
}
