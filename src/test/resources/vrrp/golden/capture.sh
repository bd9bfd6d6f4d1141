#!/bin/bash
# Captures real keepalived 2.2.7 VRRP adverts as golden bytes for VrrpCodec tests.
# Run as root from this directory: ./capture.sh  (needs keepalived, tcpdump, iproute2).
# Everything happens inside a network namespace named jkv-<pid>-cap holding one veth pair;
# keepalived is stopped by its pid (SIGTERM, so it also sends its priority-0 adverts) and the
# namespace is deleted afterwards, also on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ns="jkv-$$-cap"
work=$(mktemp -d /tmp/jkv-cap.XXXXXX)
kpid=""; tpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null || true
  [ -n "$tpid" ] && kill "$tpid" 2>/dev/null || true
  sleep 0.5
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns"
inns() { ip netns exec "$ns" "$@"; }
inns ip link set lo up
inns ip link add jkv0 type veth peer name jkv1
inns ip link set jkv0 up
inns ip link set jkv1 up
inns ip addr add 192.0.2.1/24 dev jkv0
# wait for the IPv6 link-local address (DAD) so the IPv6 instance has a source address
for _ in $(seq 50); do inns ip -6 addr show dev jkv0 scope link | grep -q 'fe80' && ! inns ip -6 addr show dev jkv0 | grep -q tentative && break; sleep 0.1; done

cp "$here/keepalived-capture.conf" "$work/keepalived.conf"
ip netns exec "$ns" tcpdump -i jkv0 -U -w "$work/cap.pcap" 'ip proto 112 or ip proto 51 or ip6 proto 112' 2>"$work/tcpdump.err" &
tpid=$!
sleep 1
ip netns exec "$ns" keepalived -P -n -l -D -G -f "$work/keepalived.conf" -p "$work/k.pid" -r "$work/kv.pid" >"$work/keepalived.log" 2>&1 &
kpid=$!
sleep 9
# ip netns exec execs keepalived, so $! is keepalived's own pid; SIGTERM makes it send priority 0
kill -TERM "$kpid"; wait "$kpid" || true; kpid=""
sleep 1
kill "$tpid"; wait "$tpid" || true; tpid=""

tcpdump -r "$work/cap.pcap" -nn -tt -v -x > "$work/cap.txt" 2>/dev/null
cp "$work/cap.txt" "$here/capture-tcpdump.txt"
cp "$work/keepalived.log" "$here/capture-keepalived.log"
echo "captured $(grep -c '^[0-9]' "$work/cap.txt") packets"
