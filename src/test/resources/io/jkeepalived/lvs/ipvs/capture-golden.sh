#!/usr/bin/env bash
# Captures what ipvsadm sends to (and gets from) the kernel's IPVS family, one pcap per command, on an nlmon
# interface. Runs inside bin/qemu-guest (the guest kernel has IPVS):
#   bin/qemu-guest -- src/test/resources/io/jkeepalived/lvs/ipvs/capture-golden.sh OUTDIR
# The pcaps in golden/ were made this way; IpvsCodecGoldenTest reads them.
set -euo pipefail
OUT="$1"; mkdir -p "$OUT"
modprobe ip_vs; modprobe nlmon; modprobe dummy
ip link add jkdummy type dummy && ip link set jkdummy up
ip link add nlmon0 type nlmon && ip link set nlmon0 up
ipvsadm -C
n=0
capture() {
    local name="$1"; shift
    n=$((n+1))
    local file; file="$OUT/$(printf '%02d' $n)-$name.pcap"
    tcpdump -i nlmon0 -U -w "$file" 2>/dev/null &
    local tp=$!
    sleep 1.5
    "$@" > "$OUT/$(printf '%02d' $n)-$name.txt" 2>&1 || echo "rc=$?" >> "$OUT/$(printf '%02d' $n)-$name.txt"
    sleep 1
    kill "$tp"; wait "$tp" 2>/dev/null || true
}
capture add-service-tcp-wrr     ipvsadm -A -t 192.0.2.10:80 -s wrr
capture add-dest-nat            ipvsadm -a -t 192.0.2.10:80 -r 198.51.100.2:8080 -m -w 3
capture edit-service-persist    ipvsadm -E -t 192.0.2.10:80 -s rr -p 300 -M 255.255.255.0
capture edit-dest-dr-thresholds ipvsadm -e -t 192.0.2.10:80 -r 198.51.100.2:8080 -g -w 5 -x 100 -y 10
capture add-service-fwmark-sh   ipvsadm -A -f 7 -s sh -b sh-port,sh-fallback
capture add-dest-fwmark-tun     ipvsadm -a -f 7 -r 198.51.100.3 -i -w 2
capture add-service-udp6-lc     ipvsadm -A -u [2001:db8::10]:53 -s lc -o
capture add-dest6-tun-gue       ipvsadm -a -u [2001:db8::10]:53 -r [2001:db8::2]:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum
capture add-service-sip-pe      ipvsadm -A -u 192.0.2.10:5060 -s rr -p 60 --pe sip
capture list-stats              ipvsadm -L -n --stats
capture save                    ipvsadm -S -n
capture del-dest                ipvsadm -d -t 192.0.2.10:80 -r 198.51.100.2:8080
capture del-service             ipvsadm -D -t 192.0.2.10:80
capture set-timeouts            ipvsadm --set 900 120 300
capture list-timeouts           ipvsadm -L --timeout
capture start-daemon-master     ipvsadm --start-daemon master --mcast-interface jkdummy --syncid 5
capture start-daemon-backup-opts ipvsadm --start-daemon backup --mcast-interface jkdummy --syncid 9 --sync-maxlen 1400 --mcast-group 239.1.2.3 --mcast-port 8850 --mcast-ttl 2
capture list-daemon             ipvsadm -L --daemon
capture stop-daemon-master      ipvsadm --stop-daemon master
capture stop-daemon-backup      ipvsadm --stop-daemon backup
capture clear                   ipvsadm -C
ip link del nlmon0; ip link del jkdummy
ls -la "$OUT"
