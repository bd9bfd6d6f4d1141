#!/usr/bin/env bash
# bench/vrrp/run.sh - a keepalived pair and a jkeepalived pair, same scenarios, one run, side by side.
#
#   sudo bench/vrrp/run.sh                 # everything (failover, startup, memory, soak 600 s)
#   sudo PARTS="failover" REPS=5 bench/vrrp/run.sh
#   sudo PARTS="memory" SIZES="1 255" MEM_SECS=60 bench/vrrp/run.sh
#   sudo PARTS="soak" SOAK=120 bench/vrrp/run.sh
#
# Figures and how each is measured: bench/vrrp/README.md. Everything runs in network namespaces named
# jkb<pid>-*, on 198.18.0.0/15 only; every namespace and process it made is removed on exit/Ctrl-C.
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PARTS="${PARTS:-failover memory soak}"
REPS="${REPS:-3}"
SIZES="${SIZES:-1 100 255 1000}"
MEM_SECS="${MEM_SECS:-60}"
SOAK="${SOAK:-600}"
SOAK_RT="${SOAK_RT:-}"          # e.g. 10: run the soak's daemons under SCHED_RR 10 (what vrrp_rt_priority 10 does)
KEEPALIVED="${KEEPALIVED:-keepalived}"
JKEEPALIVED="${JKEEPALIVED:-$ROOT/bin/jkeepalived}"
JDK="${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
P="jkb$$"
RUN=()                          # prefix for daemon command lines (chrt in the soak when SOAK_RT is set)
W="$(mktemp -d "/tmp/$P.XXXX")"
HZ="$(getconf CLK_TCK)"
IMPLS=(k j)
declare -A NAME=([k]=keepalived [j]=jkeepalived)
declare -A NET=([k]=198.18.1 [j]=198.18.2)   # failover/soak LAN of each pair
declare -A R=()                               # results: "figure|impl" -> value
ORDER=()                                      # figures in print order
BG=()                                         # background pids (pipelines) this script started
NSS=()                                        # namespaces this script made

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# Each line gets the wall-clock time it was read (epoch seconds, microseconds) in front of it.
stamp() { perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%.6f %s", time, $_'; }

[[ $EUID -eq 0 ]] || die "run as root (network namespaces, raw sockets)"
for c in ip ping tcpdump perl "$KEEPALIVED"; do command -v "$c" >/dev/null || die "$c is not installed"; done
[[ -x "$JKEEPALIVED" ]] || die "$JKEEPALIVED not found"
[[ -f "$ROOT/target/jkeepalived.jar" ]] || die "build first: JAVA_HOME=$JDK mvn -q -o -DskipTests package"
# bin/jkeepalived caches its JDK in target/.jdk-home; two launches at once can leave it empty, and then
# "$JDK_CACHE/bin/java" is /bin/java (an older JDK). Make sure it names a JDK 25 before we start.
jh="$(cat "$ROOT/target/.jdk-home" 2>/dev/null || true)"
[[ -n "$jh" && -x "$jh/bin/java" ]] || echo "$JDK" > "$ROOT/target/.jdk-home"
# The launcher trains its AOT cache on the first start after a build: do that now, not in a timed start.
"$JKEEPALIVED" --version >/dev/null 2>&1 || die "$JKEEPALIVED --version failed"

kill_pid() {  # kill_pid PID: TERM, wait up to 3 s, then KILL
    local p=$1 i
    kill -TERM "$p" 2>/dev/null || return 0
    for ((i = 0; i < 60; i++)); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.05; done
    kill -KILL "$p" 2>/dev/null
}
ns_kill_all() {  # every process inside namespace $1 (all of them were started by us)
    local p
    for p in $(ip netns pids "$1" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
}
cleanup() {
    trap - EXIT INT TERM
    local p n
    for p in "${BG[@]}"; do kill -KILL "$p" 2>/dev/null; done
    for n in "${NSS[@]}"; do ns_kill_all "$n"; done
    sleep 0.2
    for n in "${NSS[@]}"; do ip netns del "$n" 2>/dev/null; done
    [[ -n "${KEEP_WORKDIR:-}" ]] && log "work files kept in $W" || rm -rf "$W"
}
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM

mkns() { ip netns add "$1" || die "cannot create namespace $1"; NSS+=("$1"); ip -n "$1" link set lo up; }
delns() { ns_kill_all "$1"; ip netns del "$1" 2>/dev/null; }

# waitfor SECONDS CMD...: poll CMD every 20 ms until it succeeds or the deadline passes.
waitfor() {
    local deadline; deadline=$(( $(date +%s%N) + ${1%.*} * 1000000000 )); shift
    while ! "$@" 2>/dev/null; do
        (( $(date +%s%N) < deadline )) || return 1
        sleep 0.02
    done
}
# nth_stamp FILE REGEX N: the stamp of the Nth stamped line matching REGEX (empty when fewer).
nth_stamp() { grep -E -- "$2" "$1" 2>/dev/null | sed -n "${3:-1}p" | cut -d' ' -f1; }
has_lines() { [[ $(grep -cE -- "$2" "$1" 2>/dev/null) -ge ${3:-1} ]]; }
median() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g | awk '{a[NR]=$1} END {
    if (NR == 0) { print "-"; exit } printf "%.3f\n", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%.3f\n", a - b }'; }
put() { [[ -n "${R[$1|k]+x}${R[$1|j]+x}" ]] || ORDER+=("$1"); R[$1|$2]="$3"; }

# start_daemon IMPL NS NAME CONF: starts keepalived or jkeepalived in NS, stamped log in $W/NAME.log;
# echoes nothing, sets $W/NAME.main (main pid) and $W/NAME.t0 (start time).
start_daemon() {
    local impl=$1 ns=$2 name=$3 conf=$4
    local args=(-P -n -l -G -f "$conf" -p "$W/$name.pid" -r "$W/$name.vpid")
    rm -f "$W/$name.pid" "$W/$name.vpid" "$W/$name.main"
    now > "$W/$name.t0"
    if [[ $impl == k ]]; then
        ( echo $BASHPID > "$W/$name.main"; exec "${RUN[@]}" ip netns exec "$ns" "$KEEPALIVED" "${args[@]}" -c "$W/$name.cpid" -b "$W/$name.bpid" 2>&1 ) | stamp > "$W/$name.log" &
    else
        ( echo $BASHPID > "$W/$name.main"; exec "${RUN[@]}" ip netns exec "$ns" "$JKEEPALIVED" "${args[@]}" 2>&1 ) | stamp > "$W/$name.log" &
    fi
    BG+=($!); disown $!
    waitfor 5 test -s "$W/$name.main" || die "$name did not start"
}
main_pid() { cat "$W/$1.main"; }
stop_daemon() { kill_pid "$(main_pid "$1")"; }

# ---------------------------------------------------------------- topology: bridge + r1 + r2 + client
# topo IMPL: namespaces $P-IMPL-{sw,r1,r2,cl}; r1 .11, r2 .12, client .200 on NET[IMPL].0/24.
topo() {
    local impl=$1 net=${NET[$1]} sw="$P-$1-sw" n i=0
    mkns "$sw"
    ip -n "$sw" link add br0 type bridge && ip -n "$sw" link set br0 up
    for n in r1 r2 cl; do
        mkns "$P-$impl-$n"
        ip -n "$sw" link add "$n" type veth peer name eth0 netns "$P-$impl-$n"
        ip -n "$sw" link set "$n" master br0 && ip -n "$sw" link set "$n" up
        ip -n "$P-$impl-$n" link set eth0 up
    done
    ip -n "$P-$impl-r1" addr add "$net.11/24" dev eth0
    ip -n "$P-$impl-r2" addr add "$net.12/24" dev eth0
    ip -n "$P-$impl-cl" addr add "$net.200/24" dev eth0
    # no IPv6 DAD noise, and no bridge learning delay
    ip netns exec "$sw" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null || true
}
pair_conf() {  # pair_conf IMPL NODE PRIO VERSION ADVERT_INT
    cat > "$W/$1-$2.conf" <<EOF
global_defs {
    router_id $1$2
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    version $4
    priority $3
    advert_int $5
    virtual_ipaddress {
        ${NET[$1]}.100/32
    }
}
EOF
    echo "$W/$1-$2.conf"
}
# Brings a pair up in order: r1 alone until MASTER, then r2 until BACKUP. Records the start figures.
# pair_up IMPL VERSION ADVERT_INT TAG  -> 0 when r1 is MASTER and r2 BACKUP
pair_up() {
    local impl=$1 v=$2 ai=$3 tag=$4 ns="$P-$1"
    ip -n "$ns-r1" link set eth0 up; ip -n "$ns-r2" link set eth0 up
    ip -n "$ns-r1" addr del "${NET[$impl]}.100/32" dev eth0 2>/dev/null
    ip -n "$ns-r2" addr del "${NET[$impl]}.100/32" dev eth0 2>/dev/null
    # adverts as the backup (and the client) see them on the wire
    ip netns exec "$ns-cl" tcpdump -l -n -tt -i eth0 'ip proto 112' > "$W/$impl-$tag.adv" 2> "$W/$impl-$tag.adv.err" &
    BG+=($!); disown $!
    waitfor 10 grep -q listening "$W/$impl-$tag.adv.err" || { log "$impl: tcpdump did not start"; return 1; }
    start_daemon "$impl" "$ns-r1" "$impl-$tag-r1" "$(pair_conf "$impl" r1 150 "$v" "$ai")"
    waitfor 30 has_lines "$W/$impl-$tag-r1.log" 'Entering MASTER STATE' || { log "$impl r1 never MASTER"; return 1; }
    start_daemon "$impl" "$ns-r2" "$impl-$tag-r2" "$(pair_conf "$impl" r2 100 "$v" "$ai")"
    waitfor 30 has_lines "$W/$impl-$tag-r2.log" 'Entering BACKUP STATE' || { log "$impl r2 never BACKUP"; return 1; }
}
pair_down() {  # pair_down IMPL TAG
    local impl=$1 tag=$2 n
    for n in r1 r2; do stop_daemon "$impl-$tag-$n"; ns_kill_all "$P-$impl-$n"; done
    ns_kill_all "$P-$impl-cl"
    ip -n "$P-$impl-r1" link set eth0 up
}
start_figures() {  # start_figures IMPL TAG: start->BACKUP and start->first advert of r1, and r2's start->BACKUP
    local impl=$1 tag=$2 t0 tb ta t2 b2
    t0=$(cat "$W/$impl-$tag-r1.t0")
    tb=$(nth_stamp "$W/$impl-$tag-r1.log" 'Entering BACKUP STATE')
    ta=$(awk -v s="${NET[$impl]}.11 " 'index($0, s) { print $1; exit }' "$W/$impl-$tag.adv")
    t2=$(cat "$W/$impl-$tag-r2.t0")
    b2=$(nth_stamp "$W/$impl-$tag-r2.log" 'Entering BACKUP STATE')
    echo "$(sub "$tb" "$t0") $(sub "$ta" "$t0") $(sub "$b2" "$t2")"
}
# ping_gap FILE FROM: the longest time between two consecutive echo replies after FROM.
ping_gap() {
    awk -v from="$2" '/bytes from/ { t = substr($1, 2, length($1) - 2) + 0; if (t < from) next
        if (prev != "" && t - prev > gap) gap = t - prev; prev = t } END { printf "%.3f\n", gap + 0 }' "$1"
}

# one failover trial: IMPL ACTION(term|kill|linkdown) REP
trial() {
    local impl=$1 act=$2 rep=$3 tag="$2$3" ns="$P-$1" vip="${NET[$1]}.100" ta tv tl
    local mon="$W/$impl-$tag.mon" png="$W/$impl-$tag.ping" ppid mpid
    if ! pair_up "$impl" 2 1 "$tag"; then pair_down "$impl" "$tag"; return 1; fi
    read -r sb sa sb2 <<< "$(start_figures "$impl" "$tag")"
    START_B[$impl]+=" $sb $sb2"; START_A[$impl]+=" $sa"
    ip -n "$ns-r2" monitor address | stamp > "$mon" & mpid=$!; BG+=($mpid); disown $mpid
    ip netns exec "$ns-cl" ping -D -n -i 0.01 "$vip" > "$png" 2>&1 & ppid=$!; BG+=($ppid); disown $ppid
    sleep 1.5
    # act at the same phase for both implementations: 0.5 s after one of r1's adverts (else where the
    # action lands in the 1 s cycle depends on each daemon's start-up time)
    local n0; n0=$(grep -c "${NET[$impl]}.11 " "$W/$impl-$tag.adv")
    waitfor 3 has_lines "$W/$impl-$tag.adv" "${NET[$impl]}.11 " $((n0 + 1))
    sleep 0.5
    ta=$(now)
    case $act in
        term) kill -TERM "$(main_pid "$impl-$tag-r1")" ;;
        # stop them all first: keepalived's VRRP child must not see its parent die (PDEATHSIG →
        # graceful priority 0) before its own SIGKILL lands
        kill) for p in $(ip netns pids "$ns-r1"); do kill -STOP "$p"; done
              for p in $(ip netns pids "$ns-r1"); do kill -KILL "$p"; done ;;
        linkdown) ip -n "$ns-r1" link set eth0 down ;;
    esac
    if waitfor 15 has_lines "$mon" "^[0-9.]+ [0-9]+: .*inet $vip/"; then
        tv=$(nth_stamp "$mon" "^[0-9.]+ [0-9]+: .*inet $vip/")
        # last advert from r1 with a priority above 0 before the action: where the backup's timer started
        tl=$(awk -v s="${NET[$impl]}.11 " -v ta="$ta" 'index($0, s) && $1 < ta && !/prio 0,/ { t = $1 } END { print t }' "$W/$impl-$tag.adv")
        FO[$impl-$act]+=" $(sub "$tv" "$ta")"
        [[ $act != term ]] && FOA[$impl-$act]+=" $(sub "$tv" "$tl")"
        # let the client's pings come back through the new master, then measure the gap
        waitfor 10 awk -v tv="$tv" '/bytes from/ { if (substr($1, 2, length($1) - 2) + 0 > tv + 0.2) { f = 1; exit } } END { exit !f }' "$png"
        kill -INT "$ppid" 2>/dev/null; sleep 0.1
        GAP[$impl-$act]+=" $(ping_gap "$png" "$(sub "$ta" 1)")"
        log "$(printf '%-11s %-8s rep %s: failover %.3f s (from last advert %s), ping gap %s s, start->BACKUP %s/%s, first advert %s; load %s' \
            "${NAME[$impl]}" "$act" "$rep" "$(sub "$tv" "$ta")" "$(sub "$tv" "$tl")" "$(ping_gap "$png" "$(sub "$ta" 1)")" "$sb" "$sb2" "$sa" "$(load)")"
    else
        log "${NAME[$impl]} $act rep $rep: the VIP never came up on the backup (15 s)"
    fi
    kill -KILL "$ppid" "$mpid" 2>/dev/null
    pair_down "$impl" "$tag"
}

part_failover() {
    declare -gA FO=() FOA=() GAP=() START_B=() START_A=()
    local impl act rep l0
    for impl in "${IMPLS[@]}"; do topo "$impl"; done
    l0=$(load)
    for ((rep = 1; rep <= REPS; rep++)); do
        for act in term kill linkdown; do
            for impl in "${IMPLS[@]}"; do trial "$impl" "$act" "$rep"; done
        done
    done
    for impl in "${IMPLS[@]}"; do
        for act in term kill linkdown; do
            # shellcheck disable=SC2086
            put "failover $act: action -> VIP on backup (s)" "$impl" "$(median ${FO[$impl-$act]:-})"
            [[ $act != term ]] && put "failover $act: backup's last advert -> VIP (s)" "$impl" "$(median ${FOA[$impl-$act]:-})"
            put "failover $act: client ping gap (s)" "$impl" "$(median ${GAP[$impl-$act]:-})"
        done
        put "start -> BACKUP log line (s)" "$impl" "$(median ${START_B[$impl]:-})"
        put "start -> first advert on wire, incl. master_down 3.414 s (s)" "$impl" "$(median ${START_A[$impl]:-})"
    done
    put "load average during failover part" k "$l0"; put "load average during failover part" j "$(load)"
    for impl in "${IMPLS[@]}"; do for n in sw r1 r2 cl; do delns "$P-$impl-$n"; done; done
}

# ---------------------------------------------------------------- memory: N instances, one namespace each
mem_conf() {  # mem_conf FILE N: N instances, 250 per veth (VRID 1..250), one VIP each
    local f=$1 n=$2 i ifc vrid
    echo "global_defs { router_id mem }" > "$f"
    for ((i = 0; i < n; i++)); do
        ifc=$((i / 250)); vrid=$((i % 250 + 1))
        printf 'vrrp_instance VI_%d {\n state BACKUP\n interface m%da\n virtual_router_id %d\n priority 100\n advert_int 1\n virtual_ipaddress {\n  198.18.%d.%d/32\n }\n}\n' \
            $((i + 1)) "$ifc" "$vrid" $((20 + ifc)) "$vrid" >> "$f"
    done
}
mem_topo() {  # mem_topo NS N
    local ns=$1 n=$2 i
    mkns "$ns"
    for ((i = 0; i < (n + 249) / 250; i++)); do
        ip -n "$ns" link add "m${i}a" type veth peer name "m${i}b"
        ip -n "$ns" addr add "198.18.$((10 + i)).1/24" dev "m${i}a"
        ip -n "$ns" link set "m${i}a" up; ip -n "$ns" link set "m${i}b" up
    done
}
# sum of a smaps_rollup field (kB) over the processes in a namespace, in MB
ns_mem() { local p s=0 v; for p in $(ip netns pids "$1"); do v=$(awk -v k="$2:" '$1 == k { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null); s=$((s + ${v:-0})); done; awk -v s=$s 'BEGIN { printf "%.1f\n", s / 1024 }'; }
ns_cpu() { local p s=0; for p in $(ip netns pids "$1"); do s=$((s + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done; awk -v s=$s -v hz="$HZ" 'BEGIN { printf "%.2f\n", s / hz }'; }
ns_threads() { local p s=0; for p in $(ip netns pids "$1"); do s=$((s + $(awk '$1 == "Threads:" { print $2 }' "/proc/$p/status"))); done; echo $s; }

part_memory() {
    local n impl ns t0 tm end
    for n in $SIZES; do
        log "memory: $n instance(s), $MEM_SECS s; load $(load)"
        for impl in "${IMPLS[@]}"; do
            ns="$P-m$impl"; mem_topo "$ns" "$n"; mem_conf "$W/mem-$impl-$n.conf" "$n"
        done
        for impl in "${IMPLS[@]}"; do start_daemon "$impl" "$P-m$impl" "mem-$impl-$n" "$W/mem-$impl-$n.conf"; done
        t0=$(cat "$W/mem-k-$n.t0"); end=$(awk -v t="$t0" -v d="$MEM_SECS" 'BEGIN { printf "%d\n", t + d }')
        for impl in "${IMPLS[@]}"; do
            waitfor "$MEM_SECS" has_lines "$W/mem-$impl-$n.log" 'Entering MASTER STATE' "$n"
            tm=$(nth_stamp "$W/mem-$impl-$n.log" 'Entering MASTER STATE' "$n")
            put "$n inst: start -> all MASTER (s)" "$impl" "$(sub "$tm" "$(cat "$W/mem-$impl-$n.t0")")"
        done
        while (( $(date +%s) < end )); do sleep 0.5; done
        for impl in "${IMPLS[@]}"; do
            ns="$P-m$impl"
            put "$n inst: RSS after ${MEM_SECS} s (MB)" "$impl" "$(ns_mem "$ns" Rss)"
            put "$n inst: PSS after ${MEM_SECS} s (MB)" "$impl" "$(ns_mem "$ns" Pss)"
            put "$n inst: CPU utime+stime over ${MEM_SECS} s (s)" "$impl" "$(ns_cpu "$ns")"
            put "$n inst: processes / threads" "$impl" "$(ip netns pids "$ns" | wc -l)/$(ns_threads "$ns")"
        done
        put "$n inst: load average" k "$(load)"
        for impl in "${IMPLS[@]}"; do stop_daemon "mem-$impl-$n"; delns "$P-m$impl"; done
    done
}

# ---------------------------------------------------------------- soak: v3, advert_int 0.01, CPU hog + allocator
part_soak() {
    local impl hogs=() c alloc l0 m b f
    for impl in "${IMPLS[@]}"; do topo "$impl"; done
    [[ -n "$SOAK_RT" ]] && RUN=(chrt -r "$SOAK_RT")
    for impl in "${IMPLS[@]}"; do
        pair_up "$impl" 3 0.01 soak || die "soak: ${NAME[$impl]} pair did not come up"
    done
    RUN=()
    sleep 2   # settle
    for impl in "${IMPLS[@]}"; do
        wc -l < "$W/$impl-soak-r1.log" > "$W/$impl-soak-r1.settled"
        wc -l < "$W/$impl-soak-r2.log" > "$W/$impl-soak-r2.settled"
    done
    for c in $(seq 0 $(( $(nproc) - 1 ))); do taskset -c "$c" sha256sum /dev/zero & hogs+=($!); BG+=($!); disown $!; done
    "$JDK/bin/java" -Xmx256m "$HERE/Alloc.java" & alloc=$!; BG+=($alloc); disown $alloc
    l0=$(load)
    log "soak: $SOAK s with ${#hogs[@]} CPU hog(s) and an allocator; load $l0"
    sleep "$SOAK"
    kill -KILL "${hogs[@]}" "$alloc" 2>/dev/null
    for impl in "${IMPLS[@]}"; do
        # after settling: any MASTER on the backup or BACKUP/FAULT on the master is a false failover
        b=$(tail -n +$(( $(cat "$W/$impl-soak-r2.settled") + 1 )) "$W/$impl-soak-r2.log" | grep -c 'Entering MASTER STATE')
        m=$(tail -n +$(( $(cat "$W/$impl-soak-r1.settled") + 1 )) "$W/$impl-soak-r1.log" | grep -cE 'Entering (BACKUP|FAULT) STATE')
        put "soak v3 advert_int 0.01, ${SOAK} s${SOAK_RT:+, SCHED_RR $SOAK_RT}: false failovers (backup->MASTER + master->BACKUP)" "$impl" "$((b + m))"
        # the longest silence between two of r1's adverts seen by the client
        f=$(awk -v s="${NET[$impl]}.11 " 'index($0, s) { if (p != "" && $1 - p > g) g = $1 - p; p = $1 } END { printf "%.3f\n", g }' "$W/$impl-soak.adv")
        put "soak: longest gap between master adverts (s)" "$impl" "$f"
        put "soak: CPU of master+backup over the soak (s)" "$impl" "$(awk -v a="$(ns_cpu "$P-$impl-r1")" -v b="$(ns_cpu "$P-$impl-r2")" 'BEGIN { printf "%.2f\n", a + b }')"
    done
    put "soak: load average" k "$l0"; put "soak: load average" j "$(load)"
    for impl in "${IMPLS[@]}"; do pair_down "$impl" soak; for c in sw r1 r2 cl; do delns "$P-$impl-$c"; done; done
}

print_table() {
    local f k j
    printf '\n%-72s %12s %12s %8s\n' "figure" "keepalived" "jkeepalived" "ratio"
    printf '%s\n' "$(printf '%.0s-' {1..107})"
    for f in "${ORDER[@]}"; do
        k="${R[$f|k]:-}"; j="${R[$f|j]:-}"
        printf '%-72s %12s %12s %8s\n' "$f" "${k:--}" "${j:--}" \
            "$(awk -v k="$k" -v j="$j" 'BEGIN { if (k ~ /^[0-9.]+$/ && j ~ /^[0-9.]+$/ && k + 0 > 0) printf "%.2f", j / k; else print "" }')"
    done
    echo "(load average = 1/5/15 min; 2 cores; $(date -u +%FT%TZ), keepalived $("$KEEPALIVED" -v 2>&1 | head -1 | awk '{print $2}'), jkeepalived $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null))"
}

log "work dir $W, namespaces $P-*, parts: $PARTS; load $(load)"
for part in $PARTS; do "part_$part"; done
print_table
