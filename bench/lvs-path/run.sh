#!/usr/bin/env bash
# bench/lvs-path - the packet path: HTTP requests/s from a client through the director to two nginx real
# servers, each request on a new connection (wrk with "Connection: close": the NAT lookup runs once per
# connection, so keep-alive would hide it):
#   nft-1      jkeepalived, nftables NAT, 1 virtual service
#   nft-1000   the same service plus 999 others (the lookup is a map: the figure should not move)
#   haproxy    no jkeepalived; HAProxy (Debian's, mode tcp, roundrobin) on the same VIP:port in the director
# Usage: sudo bench/lvs-path/run.sh [SECONDS [ROUNDS]]. Needs wrk, nginx, haproxy (apt-get install wrk nginx
# haproxy). Namespaces jkbp<pid>-*, addresses 203.0.113.0/24 (client side), 198.51.100.0/24 (servers),
# 198.18.0.0/15 (the 999 other services); everything is removed on exit.
set -uo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SECS="${1:-10}" ROUNDS="${2:-2}" CONNS="${CONNS:-32}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for t in wrk nginx haproxy taskset; do command -v $t >/dev/null || { echo "needs $t (apt-get install wrk nginx haproxy)"; exit 3; }; done
[[ -f "$ROOT/target/jkeepalived.jar" ]] || (cd "$ROOT" && mvn -B -q -o -DskipTests package)
P="jkbp$$" VIP=203.0.113.100
W="$(mktemp -d "/tmp/$P.XXXX")"; chmod 755 "$W"
PIDS=() NSS=() NGINX=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    sleep 1
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
    for n in "${NSS[@]}"; do ip netns del "$n" 2>/dev/null; done
    [[ -n "${KEEP:-}" ]] || rm -rf "$W"
}
trap cleanup EXIT
inns() { local n="$1"; shift; ip netns exec "$P-$n" "$@"; }
mkns() { ip netns add "$P-$1"; NSS+=("$P-$1"); inns "$1" ip link set lo up; }
for n in cli lb lan rs1 rs2; do mkns $n; done
inns cli ip link add eth0 type veth peer name ext0 netns "$P-lb"
inns cli ip link set eth0 up; inns cli ip addr add 203.0.113.2/24 dev eth0; inns cli ip route add default via 203.0.113.1
inns lb ip link set ext0 up; inns lb ip addr add 203.0.113.1/24 dev ext0; inns lb ip addr add $VIP/32 dev ext0
inns lb ip link add lan0 type veth peer name p-lb netns "$P-lan"
inns lb ip link set lan0 up; inns lb ip addr add 198.51.100.1/24 dev lan0
inns lb sysctl -qw net.ipv4.ip_forward=1
inns lan ip link add br0 type bridge; inns lan ip link set br0 up; inns lan ip link set p-lb master br0; inns lan ip link set p-lb up
# the client opens ~100k connections per run: ports reused from TIME_WAIT
inns cli sysctl -qw net.ipv4.tcp_tw_reuse=1; inns cli sysctl -qw net.ipv4.ip_local_port_range="1024 65535"
for i in 1 2; do
    inns lan ip link add p-rs$i type veth peer name eth0 netns "$P-rs$i"
    inns lan ip link set p-rs$i master br0; inns lan ip link set p-rs$i up
    inns rs$i ip link set eth0 up; inns rs$i ip addr add 198.51.100.1$i/24 dev eth0; inns rs$i ip route add default via 198.51.100.1
    mkdir -p "$W/rs$i/www"; echo "rs$i" > "$W/rs$i/www/index.html"
    cat > "$W/rs$i/nginx.conf" <<NG
daemon off; master_process off; worker_processes 1; pid $W/rs$i/nginx.pid; error_log $W/rs$i/error.log;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $W/rs$i/t; proxy_temp_path $W/rs$i/t; fastcgi_temp_path $W/rs$i/t;
       uwsgi_temp_path $W/rs$i/t; scgi_temp_path $W/rs$i/t;
       server { listen 80 backlog=4096; root $W/rs$i/www; } }
NG
    # the servers on CPU 1, the client on CPU 0; the director's own work (nftables: softirq; haproxy) wherever the kernel puts it
    taskset -c 1 ip netns exec "$P-rs$i" nginx -e "$W/rs$i/error.log" -c "$W/rs$i/nginx.conf" -p "$W/rs$i" > "$W/rs$i/out" 2>&1 &
    PIDS+=($!); NGINX+=($!)
done
service() {   # vip port
    printf 'virtual_server %s %s {\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n' "$1" "$2"
    printf '  real_server 198.51.100.11 80 {\n    weight 1\n  }\n  real_server 198.51.100.12 80 {\n    weight 1\n  }\n}\n'
}
{ echo 'global_defs { router_id bench }'; service $VIP 80; } > "$W/nft-1.conf"
{ cat "$W/nft-1.conf"; for ((i = 1; i < 1000; i++)); do service "198.18.$((i / 250)).$((i % 250 + 1))" 80; done; } > "$W/nft-1000.conf"
LAST=198.18.3.250
cat > "$W/haproxy.cfg" <<HA
global
  nbthread 1
  maxconn 4000
  pidfile $W/haproxy.pid
defaults
  mode tcp
  timeout connect 2s
  timeout client 10s
  timeout server 10s
listen vip
  bind $VIP:80
  balance roundrobin
  server rs1 198.51.100.11:80
  server rs2 198.51.100.12:80
HA
cpu_ticks() { awk '/^cpu /{print $2+$3+$4+$6+$7+$8, $8}' /proc/stat; }   # busy (user..softirq), softirq
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
HZ=$(getconf CLK_TCK)
wait_http() {   # url
    for _ in $(seq 240); do inns cli curl -s -m 1 -o /dev/null "$1" && return 0; sleep 0.5; done
    echo "no answer from $1"; return 1
}
measure() {   # name, director pid (haproxy) or "", control-plane pid (jkeepalived) or ""
    # CPU of the whole path: the client (wrk), both nginx, haproxy, and the machine's softirq time (where the kernel
    # accounts forwarding it did outside a process; veth work done inside a send() is the sender's system time)
    local name="$1" dpid="$2" cpid="${3:-0}"
    local c0; c0=$(proc_ticks "$cpid")
    read -r b0 s0 < <(cpu_ticks); local d0 n0; d0=$(proc_ticks "${dpid:-0}"); n0=$(( $(proc_ticks "${NGINX[0]}") + $(proc_ticks "${NGINX[1]}") ))
    local out; out=$(taskset -c 0 ip netns exec "$P-cli" wrk -t1 -c"$CONNS" -d"${SECS}s" -H 'Connection: close' "http://$VIP/" 2>&1; times)
    read -r b1 s1 < <(cpu_ticks); local d1 n1; d1=$(proc_ticks "${dpid:-0}"); n1=$(( $(proc_ticks "${NGINX[0]}") + $(proc_ticks "${NGINX[1]}") ))
    local rps errs client; rps=$(awk '/Requests\/sec/{print $2}' <<<"$out"); errs=$(awk '/Socket errors|Non-2xx/{print}' <<<"$out" | tr '\n' ' ')
    errs="latency avg $(awk '/Latency/{print $2 ", max " $4}' <<<"$out") $errs"
    # `times`' last line: the children's user and system time (wrk's), as 0m1.234s
    client=$(tail -1 <<<"$out" | awk '{ t=0; for (i=1;i<=2;i++) { split($i, a, /[ms]/); t+=a[1]*60+a[2] } print int(t*'"$HZ"'+0.5) }')
    local busy=$(( b1 - b0 )) soft=$(( s1 - s0 )) dir=$(( d1 - d0 )) srv=$(( n1 - n0 )) ctl=$(( $(proc_ticks "$cpid") - c0 ))
    local path=$(( client + srv + dir + soft ))
    printf '%-9s %7.0f req/s   CPUs: client %4.2f, servers %4.2f, director process %4.2f, softirq %4.2f; path %4.0f us/request; jkeepalived %4.2f CPUs  %s\n' \
        "$name" "$rps" "$(bc -l <<<"$client / $HZ / $SECS")" "$(bc -l <<<"$srv / $HZ / $SECS")" "$(bc -l <<<"$dir / $HZ / $SECS")" \
        "$(bc -l <<<"$soft / $HZ / $SECS")" "$(bc -l <<<"$path / $HZ / ($rps * $SECS) * 1000000")" "$(bc -l <<<"$ctl / $HZ / $SECS")" "$errs"
    echo "$name $rps $busy $soft $dir $client $srv" >> "$W/results"
}
jk() {   # conf: start jkeepalived -C in the director, wait until the service (and the last one) answer
    ip netns exec "$P-lb" "$ROOT/bin/jkeepalived" -C -n -l -f "$W/$1.conf" -p "$W/jk.pid" -c "$W/jk-c.pid" \
        > "$W/$1.log" 2>&1 &
    JPID=$!; PIDS+=($JPID)
    wait_http "http://$VIP/" || { tail "$W/$1.log"; exit 1; }
    [[ "$1" == nft-1000 ]] && { wait_http "http://$LAST/" || exit 1; }
    inns lb nft list ruleset > "$W/$1.ruleset"
}
stop_jk() { kill -TERM "$JPID"; wait "$JPID" 2>/dev/null; inns lb conntrack -F 2>/dev/null || true; }
echo "lvs-path: ${SECS}s per run, $ROUNDS rounds, wrk -t1 -c$CONNS with Connection: close; load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= ROUNDS; r++)); do
    jk nft-1; measure nft-1 "" "$JPID"; stop_jk
    jk nft-1000; measure nft-1000 "" "$JPID"; stop_jk
    taskset -c 1 ip netns exec "$P-lb" haproxy -db -f "$W/haproxy.cfg" > "$W/haproxy.log" 2>&1 &
    HP=$!; PIDS+=($HP)
    wait_http "http://$VIP/" || exit 1
    measure haproxy "$HP"
    kill "$HP"; wait "$HP" 2>/dev/null
done
echo "best of $ROUNDS:"
best() { awk -v n="$1" '$1==n && $2>m {m=$2} END{print m+0}' "$W/results"; }
n1=$(best nft-1) n1000=$(best nft-1000) hp=$(best haproxy)
awk -v a="$n1" -v b="$n1000" -v h="$hp" 'BEGIN{
  printf "  nftables NAT, 1 service:       %8.0f req/s\n  nftables NAT, 1000 services:   %8.0f req/s  (%+.1f %% vs 1 service)\n  HAProxy (mode tcp):            %8.0f req/s\n  nftables NAT / HAProxy:        %8.2f\n", a, b, (b-a)*100/a, h, a/h}'
# at equal CPU: requests per CPU-second of the whole path (client + servers + director process + softirq)
awk -v hz="$HZ" -v secs="$SECS" '{ n[$1]++; req[$1]+=$2*secs; cpu[$1]+=($7+$6+$5+$4)/hz; dir[$1]+=($5+$4)/hz } END{
  for (k in n) printf "  %-9s %7.0f requests per CPU-second of the whole path; director (its process + softirq) %5.1f us/request\n",
      k, req[k]/cpu[k], dir[k]/req[k]*1e6 }' "$W/results" | sort
awk -v secs="$SECS" '{ n[$1]++; req[$1]+=$2*secs; cpu[$1]+=$7+$6+$5+$4 } END{
  printf "  at equal CPU, nftables NAT (1 service) / HAProxy: %.2f\n", (req["nft-1"]/cpu["nft-1"]) / (req["haproxy"]/cpu["haproxy"]) }' "$W/results"
