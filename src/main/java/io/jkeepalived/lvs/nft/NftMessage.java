package io.jkeepalived.lvs.nft;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One nf_tables change of the kind a check result makes: elements of a service's slot map and live set, whose
 * data is a mark, never a verdict (a verdict element makes nf_tables re-validate the whole table on commit).
 * {@link NftBatchCodec} turns a list of them into one netlink batch. {@code table} is as {@link NftNames} spells
 * it ({@code inet jkeepalived}, {@code netdev jkeepalived_dr}).
 */
public sealed interface NftMessage {

    String table();

    /** What the message does, for an error line. */
    String describe();

    /** {@code flush map|set TABLE SET}: every element out. */
    record FlushSet(String table, String set) implements NftMessage {
        @Override
        public String describe() {
            return "flush set " + table + " " + set;
        }
    }

    /** {@code add element TABLE SET { KEY [comment "..."] [: MARK], ... }}, keys 32-bit (marks, slots). */
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

    /**
     * A set or map element: a 32-bit key (host byte order, as numgen/hash/mark registers hold it), a comment,
     * and for a map its data, a mark (host byte order too); a set element has none.
     */
    record Element(int key, Optional<String> comment, OptionalInt mark) {
    }
}
