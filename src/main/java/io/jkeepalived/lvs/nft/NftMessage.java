package io.jkeepalived.lvs.nft;

import java.util.List;
import java.util.Optional;

/**
 * One nf_tables change of the kind a check result makes: set elements and the selection rule of a service
 * whose chains and maps already exist. {@link NftBatchCodec} turns a list of them into one netlink batch.
 * {@code table} is as {@link NftNames} spells it ({@code inet jkeepalived}, {@code netdev jkeepalived_dr}).
 */
public sealed interface NftMessage {

    String table();

    /** What the message does, for an error line. */
    String describe();

    /** {@code flush map TABLE SET}: every element out. */
    record FlushSet(String table, String set) implements NftMessage {
        @Override
        public String describe() {
            return "flush map " + table + " " + set;
        }
    }

    /** {@code add element TABLE SET { KEY [comment "..."] : jump CHAIN, ... }}, keys 32-bit (marks, slots). */
    record AddElements(String table, String set, List<Element> elements) implements NftMessage {
        public AddElements {
            elements = List.copyOf(elements);
        }

        @Override
        public String describe() {
            return "add element " + table + " " + set + " (" + elements.size() + ")";
        }
    }

    /** {@code delete element TABLE SET { KEY, ... }}. */
    record DeleteElements(String table, String set, List<Integer> keys) implements NftMessage {
        public DeleteElements {
            keys = List.copyOf(keys);
        }

        @Override
        public String describe() {
            return "delete element " + table + " " + set + " " + keys.stream().map(k -> "0x" + Integer.toHexString(k)).toList();
        }
    }

    /** {@code replace rule TABLE CHAIN handle H SELECTION}. */
    record ReplaceRule(String table, String chain, long handle, SelectionRule rule) implements NftMessage {
        @Override
        public String describe() {
            return "replace rule " + table + " " + chain + " handle " + handle + " (" + rule.text() + ")";
        }
    }

    /** A verdict-map element: a 32-bit key (host byte order, as numgen/hash/mark registers hold it) → jump. */
    record Element(int key, Optional<String> comment, String jump) {
    }
}
