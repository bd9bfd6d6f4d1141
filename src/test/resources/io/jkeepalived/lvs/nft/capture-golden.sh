#!/bin/bash
# Captures what nft 1.0.6 sends for the element and selection-rule changes NftBatchCodec makes, as the hex of
# the batch sendmsg (strace -e write=FD). Run as root; works in a network namespace of its own, removed at the end.
# Output: golden/NAME.hex, one line of hex per batch. NftBatchCodecGoldenTest compares the codec with them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ns=nftgolden$$
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
T='inet jkeepalived'; S=v_tcp_203_0_113_100_80
base() {
  ip netns exec "$ns" nft flush ruleset
  ip netns exec "$ns" nft -f - <<NFT
table inet jkeepalived {
  map nat4 { typeof ip daddr . meta l4proto . th dport : verdict; }
  chain ${S}_r1 { meta l4proto tcp counter dnat ip to 198.51.100.11:80; }
  chain ${S}_r2 { meta l4proto tcp counter dnat ip to 198.51.100.12:80; }
  map ${S}_slots { typeof numgen inc mod 2 : verdict; }
  map ${S}_ids { typeof ct mark : verdict; elements = { 0x6a6b0002 : jump ${S}_r2 }; }
  chain ${S} { numgen inc mod 2 vmap @${S}_slots; }
}
table netdev jkeepalived_dr {
  chain ${S}_r1 { counter; }
  map ${S}_slots { typeof numgen inc mod 2 : verdict; }
  map ${S}_ids { typeof meta mark : verdict; }
  chain ${S} { numgen inc mod 2 vmap @${S}_slots; }
}
NFT
}
capture() { # NAME COMMANDS
  base
  ip netns exec "$ns" strace -e trace=sendmsg -e write=3 -o "$here/golden/$1.strace" nft "$2"
  # the batch is the buffer that starts with NFNL_MSG_BATCH_BEGIN (14 00 00 00 10 00)
  awk '/bytes in buffer/ { if (buf != "") print buf; buf = "" } /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / { line = substr($0, 11, 49); gsub(/ /, "", line); buf = buf line }
       END { if (buf != "") print buf }' "$here/golden/$1.strace" | grep '^1400000010000' > "$here/golden/$1.hex"
  rm "$here/golden/$1.strace"
}
handle() { ip netns exec "$ns" nft -a list chain ${1:-$T} $S | sed -n 's/.*vmap.* # handle \([0-9]*\)/\1/p'; }
capture elements "flush map $T ${S}_slots; add element $T ${S}_slots { 0 : jump ${S}_r1, 1 : jump ${S}_r2, 2 : jump ${S}_r1 }; flush map $T ${S}_ids; add element $T ${S}_ids { 0x6a6b0001 comment \"r=198.51.100.11,80 w=2 u=0 l=0 m=NAT\" : jump ${S}_r1, 0x6a6b0002 comment \"r=198.51.100.12,80 w=1 u=0 l=0 m=NAT\" : jump ${S}_r2 }"
capture delete-element "delete element $T ${S}_ids { 0x6a6b0002 }"
capture elements-dr "flush map netdev jkeepalived_dr ${S}_slots; add element netdev jkeepalived_dr ${S}_slots { 0 : jump ${S}_r1 }"
base; h=$(handle); echo "inet selection rule handle: $h" > "$here/golden/README"
capture rule-rr "replace rule $T $S handle $h numgen inc mod 3 vmap @${S}_slots"
capture rule-sh "replace rule $T $S handle $h jhash ip saddr mod 5 seed 0x1234 vmap @${S}_slots"
capture rule-sh-port "replace rule $T $S handle $h jhash ip saddr . th sport mod 5 seed 0x1234 vmap @${S}_slots"
capture rule-dh "replace rule $T $S handle $h jhash ip daddr mod 5 seed 0x1234 vmap @${S}_slots"
capture rule-sh6-port "replace rule $T $S handle $h jhash ip6 saddr . th sport mod 4 seed 0x99 vmap @${S}_slots"
capture rule-dh6 "replace rule $T $S handle $h jhash ip6 daddr mod 4 seed 0x99 vmap @${S}_slots"
h=$(handle "netdev jkeepalived_dr")
capture rule-dr-sh-port "replace rule netdev jkeepalived_dr $S handle $h jhash ip saddr . th sport mod 5 seed 0x1234 vmap @${S}_slots"
capture rule-dr-dh6 "replace rule netdev jkeepalived_dr $S handle $h jhash ip6 daddr mod 5 seed 0x1234 vmap @${S}_slots"
echo "netdev selection rule handle: $h" >> "$here/golden/README"
echo "nft: $(nft --version)" >> "$here/golden/README"
