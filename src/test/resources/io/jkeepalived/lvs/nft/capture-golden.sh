#!/bin/bash
# Captures what nft 1.0.6 sends for the element changes NftBatchCodec makes (a service's slot map and live set:
# marks, no verdict), as the hex of the batch sendmsg (strace -e write=FD). Run as root; works in a network
# namespace of its own, removed at the end.
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
  map ${S}_slots { typeof numgen inc mod 2 : ct mark; }
  set ${S}_live { typeof ct mark; elements = { 0x6a6b0002 comment "r=198.51.100.12,80 w=1 u=0 l=0 m=NAT" }; }
  map ${S}_all { typeof ct mark : verdict; elements = { 0x6a6b0001 : jump ${S}_r1, 0x6a6b0002 : jump ${S}_r2 }; }
  chain ${S} { ct mark set numgen inc mod 128 map @${S}_slots; ct mark vmap @${S}_all; }
}
table netdev jkeepalived_dr {
  chain ${S}_r1 { counter; }
  map ${S}_slots { typeof numgen inc mod 2 : meta mark; }
  set ${S}_live { typeof meta mark; }
  map ${S}_all { typeof meta mark : verdict; elements = { 0x6a6b0001 : jump ${S}_r1 }; }
  chain ${S} { meta mark set numgen inc mod 128 map @${S}_slots; meta mark vmap @${S}_all; }
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
capture elements "flush map $T ${S}_slots; add element $T ${S}_slots { 0 : 0x6a6b0001, 1 : 0x6a6b0002, 2 : 0x6a6b0001 }; flush set $T ${S}_live; add element $T ${S}_live { 0x6a6b0001 comment \"r=198.51.100.11,80 w=2 u=0 l=0 m=NAT\", 0x6a6b0002 comment \"r=198.51.100.12,80 w=1 u=0 l=0 m=NAT\" }"
capture delete-element "delete element $T ${S}_live { 0x6a6b0002 }"
capture elements-dr "flush map netdev jkeepalived_dr ${S}_slots; add element netdev jkeepalived_dr ${S}_slots { 0 : 0x6a6b0001 }"
echo "nft: $(nft --version)" > "$here/golden/README"
