#!/usr/bin/env python3
"""Health-checker benchmark: keepalived -C (Debian's, IPVS calls shimmed) against jkeepalived's checker.

Both run, one after the other, on the same generated keepalived.conf inside a network namespace this
script creates, checking N real servers (198.18.0.0/16, all local to the namespace through one "local"
route, answered by one nginx) with TCP_CHECK, delay_loop 1, connect_timeout 1, retry 0. Per N and per
daemon it measures, at the servers (an nftables counter of SYNs to port 80), the checks per second;
the daemon's CPU seconds and RSS; and the detection latency: one server is "stopped" (nftables answers
its SYNs with a reset, as a closed port does) until DOWN is logged, then "restarted" until UP is logged.

Run as root from the repository: bench/checker/run.sh [N ...]. Cleans up its namespace and processes.
"""
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
JDK = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
NS = f"jkcb-{os.getpid()}"   # the current run's namespace (see fresh_namespace)
NGINX = None                  # the current run's nginx
VICTIM = "198.18.0.1"
WINDOW = int(os.environ.get("WINDOW", "10"))      # seconds of steady state measured
SETTLE = float(os.environ.get("SETTLE", "10"))    # bootstrap (1 s) + warmup (<= delay_loop) + JIT warm-up
ROUNDS = int(os.environ.get("ROUNDS", "5"))       # stop/restart rounds for detection latency
# the launcher's JVM options (bin/jkeepalived) plus a bounded heap
JAVA_OPTS = os.environ.get("JK_JAVA_OPTS", "--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m -Xms8m -Xmx64m").split()
CLK_TCK = os.sysconf("SC_CLK_TCK")


def sh(*cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, capture_output=True, text=True, **kw)


def ns(*cmd, check=True):
    return sh("ip", "netns", "exec", NS, *cmd, check=check)


def rs_addr(i):
    return f"198.18.{i // 250}.{i % 250 + 1}"


KIND = os.environ.get("KIND", "tcp")   # tcp: TCP_CHECK; http: HTTP_GET of / expecting 200


def checker_block():
    if KIND == "http":
        return ("        HTTP_GET {\n            url {\n                path /\n                status_code 200\n            }\n"
                "            connect_timeout 1\n            retry 0\n        }\n")
    return "        TCP_CHECK {\n            connect_timeout 1\n            retry 0\n        }\n"


def write_config(path, n):
    with open(path, "w") as f:
        f.write("global_defs {\n    router_id bench\n}\n\n")
        f.write("virtual_server 198.51.100.1 80 {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n\n")
        for i in range(n):
            f.write(f"    real_server {rs_addr(i)} 80 {{\n        weight 1\n{checker_block()}    }}\n")
        f.write("}\n")


def tree(pid):
    """pid and its live descendants."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def cpu_seconds(pid, which=(11, 12)):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(fields[i]) for i in which)   # utime, stime
        except OSError:
            pass
    return total / CLK_TCK


def rss_mib(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def syn_count():
    out = ns("nft", "list", "counter", "inet", "jkcb", "syns").stdout
    return int(re.search(r"packets (\d+)", out).group(1))


class Daemon:
    """One checker process inside the namespace; its output is time-stamped line by line into a log file."""

    def __init__(self, name, cmd, env, log_path):
        self.name, self.log_path = name, log_path
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(["ip", "netns", "exec", NS, *cmd], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     env=env, start_new_session=True)
        self.stamper = subprocess.Popen([sys.executable, "-u", "-c",
                                         "import sys,time\nfor l in sys.stdin: sys.stdout.write('%.3f %s' % (time.time(), l))"],
                                        stdin=self.proc.stdout, stdout=self.log)
        self.proc.stdout.close()
        self.offset = 0

    def wait_line(self, pattern, after, limit=15.0):
        """Time stamp of the first line matching pattern logged at or after `after`, or None."""
        end = time.time() + limit
        while time.time() < end:
            with open(self.log_path) as f:
                f.seek(self.offset)
                for line in f:
                    stamp, _, text = line.partition(" ")
                    try:
                        t = float(stamp)
                    except ValueError:
                        continue
                    if t >= after and pattern in text:
                        return t
            time.sleep(0.02)
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.stamper.wait(5)
        self.log.close()


def measure(d, n):
    time.sleep(SETTLE)
    if d.proc.poll() is not None:
        return {"error": f"{d.name} exited {d.proc.returncode}; see {d.log_path}"}
    if os.environ.get("SKIP_DETECT"):
        global ROUNDS
        ROUNDS = 1
    c0, cpu0, t0 = syn_count(), cpu_seconds(d.proc.pid), time.time()
    sys0 = cpu_seconds(d.proc.pid, (12,))
    per_second, last_c, last_t = [], c0, t0
    while time.time() - t0 < WINDOW:
        time.sleep(1)
        c, t = syn_count(), time.time()
        per_second.append((c - last_c) / (t - last_t))
        last_c, last_t = c, t
    c1, cpu1, t1 = syn_count(), cpu_seconds(d.proc.pid), time.time()
    sys1 = cpu_seconds(d.proc.pid, (12,))
    rss = rss_mib(d.proc.pid)
    total = cpu1  # since the process started, start-up included
    down, up = [], []
    rs = f"[{VICTIM}]:tcp:80"
    for _ in range(ROUNDS):
        time.sleep(random.uniform(0, 1))  # stop at a random phase of the check cycle
        handle = block(VICTIM)
        t = time.time()
        td = d.wait_line(f"Removing service {rs}", t)
        down.append(td - t if td else float("nan"))
        unblock(handle)
        t = time.time()
        tu = d.wait_line(f"Adding service {rs}", t)
        up.append(tu - t if tu else float("nan"))
    return {
        "checks_per_s": (c1 - c0) / (t1 - t0),
        "min_per_s": min(per_second) if per_second else 0,
        "cpu_s": cpu1 - cpu0,
        "cpu_pct": 100 * (cpu1 - cpu0) / (t1 - t0),
        "sys_s": sys1 - sys0,
        # CPU per check done: fair when one side falls behind and so does less work
        "us_per_check": 1e6 * (cpu1 - cpu0) / max(1, c1 - c0),
        "rss_mib": rss,
        "cpu_total_s": total,
        "down_s": statistics.median(down),
        "up_s": statistics.median(up),
    }


def block(ip):
    out = ns("nft", "--echo", "--handle", "add", "rule", "inet", "jkcb", "in", "ip", "daddr", ip, "tcp", "dport", "80",
             "reject", "with", "tcp", "reset").stdout
    return re.search(r"# handle (\d+)", out).group(1)


def unblock(handle):
    ns("nft", "delete", "rule", "inet", "jkcb", "in", "handle", handle)


def setup(work):
    sh("ip", "netns", "add", NS)
    ns("ip", "link", "set", "lo", "up")
    ns("ip", "route", "add", "local", "198.18.0.0/16", "dev", "lo")      # every benchmark address is local
    for key, value in [("net.core.somaxconn", "65535"), ("net.ipv4.tcp_max_syn_backlog", "65535"),
                       ("net.ipv4.ip_local_port_range", "1024 65535"), ("net.ipv4.tcp_tw_reuse", "1"),
                       # keep few TIME_WAIT sockets: 10,000 checks/s leave 600,000 in 60 s, which slow every
                       # later connect on the machine (the port hash is shared) and the next daemon run
                       ("net.ipv4.tcp_max_tw_buckets", "8192")]:
        ns("sysctl", "-q", "-w", f"{key}={value}")
    rules = ("table inet jkcb {\n counter syns { }\n chain in {\n  type filter hook input priority 0;\n"
             "  tcp dport 80 tcp flags & (syn | ack) == syn counter name syns\n }\n}\n")
    subprocess.run(["ip", "netns", "exec", NS, "nft", "-f", "-"], input=rules, text=True, check=True)
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/nginx.err;\nuser root;\n"
                "worker_rlimit_nofile 200000;\nevents { worker_connections 65000; multi_accept on; }\n"
                f"http {{ access_log off; client_body_temp_path {work}; proxy_temp_path {work};\n"
                f"  fastcgi_temp_path {work}; uwsgi_temp_path {work}; scgi_temp_path {work};\n"
                "  server { listen 80 backlog=65535 reuseport; return 200 \"ok\\n\"; } }\n")
    global NGINX
    # nginx in the foreground, as our child: we end it by its pid whatever happens to the files
    NGINX = subprocess.Popen(["ip", "netns", "exec", NS, "nginx", "-c", conf, "-p", work, "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if "0.0.0.0:80" in ns("ss", "-ltn").stdout:
            break
        time.sleep(0.05)


def fresh_namespace(work, tag):
    global NS
    teardown(work)
    NS = f"jkcb-{os.getpid()}-{tag}"
    setup(work)


def teardown(work):
    global NGINX
    if NGINX is not None:
        NGINX.terminate()
        try:
            NGINX.wait(10)
        except subprocess.TimeoutExpired:
            NGINX.kill()
        NGINX = None
    sh("ip", "netns", "del", NS, check=False)


def build(work):
    classes = os.path.join(REPO, "target", "classes")
    if not os.path.isdir(os.path.join(REPO, "target", "lib")):
        sh("mvn", "-q", "-o", "-DskipTests", "package", cwd=REPO, env={**os.environ, "JAVA_HOME": JDK})
    shim = os.path.join(work, "ipvsshim.so")
    sh("gcc", "-shared", "-fPIC", "-O2", "-o", shim, "/work/shared/tools/ipvsshim.c", "-ldl")
    return f"{classes}:{REPO}/target/lib/*", shim


def main():
    if os.geteuid() != 0:
        sys.exit("bench: run as root (it creates a network namespace)")
    counts = [int(a) for a in sys.argv[1:]] or [10, 100, 1000, 5000, 10000]
    # under target/ (not /tmp, which other jobs on this machine sweep)
    base = os.path.join(REPO, "target", "bench-checker")
    os.makedirs(base, exist_ok=True)
    work = tempfile.mkdtemp(prefix="run-", dir=base)
    results = []
    try:
        cp, shim = build(work)
        for n in counts:
            conf = os.path.join(work, f"keepalived-{n}.conf")
            write_config(conf, n)
            # each daemon gets a fresh namespace: the previous run's TIME_WAIT sockets (hundreds of
            # thousands at 10,000 checks/s) would otherwise slow the next run's connects
            fresh_namespace(work, f"ka{n}")
            env_k = {**os.environ, "LD_PRELOAD": shim}
            ka = Daemon("keepalived", ["keepalived", "-C", "-n", "-l", "-G", "-f", conf, "-p", f"{work}/ka.pid",
                                       "-c", f"{work}/kc.pid"], env_k, f"{work}/keepalived-{n}.log")
            try:
                rk = measure(ka, n) if not os.environ.get("SKIP_KA") else {"error": "skipped"}
            finally:
                ka.stop()
            fresh_namespace(work, f"jk{n}")
            jk = Daemon("jkeepalived", [f"{JDK}/bin/java", *JAVA_OPTS, "-cp", cp, "io.jkeepalived.Main",
                                        "-C", "-n", "-l", "-f", conf, "-p", f"{work}/jk.pid", "-c", f"{work}/jkc.pid"],
                        dict(os.environ), f"{work}/jkeepalived-{n}.log")
            try:
                rj = measure(jk, n)
            finally:
                jk.stop()
            rk["load"] = rj["load"] = os.getloadavg()[0]
            results.append((n, rk, rj))
            report([(n, rk, rj)], header=(len(results) == 1))
    finally:
        teardown(work)
    print(f"\nlogs and configs: {work}")


def fmt(v, spec):
    return format(v, spec) if isinstance(v, (int, float)) else str(v)


def report(rows, header):
    cols = [("checks/s", "checks_per_s", ".0f"), ("min/s", "min_per_s", ".0f"), ("CPU s", "cpu_s", ".2f"),
            ("CPU %", "cpu_pct", ".1f"), ("of it sys", "sys_s", ".2f"), ("µs/check", "us_per_check", ".1f"), ("CPU total", "cpu_total_s", ".2f"), ("RSS MiB", "rss_mib", ".1f"), ("DOWN s", "down_s", ".2f"),
            ("UP s", "up_s", ".2f")]
    if header:
        kind = "HTTP_GET" if KIND == "http" else "TCP_CHECK"
        print(f"{kind}, delay_loop 1, retry 0, {WINDOW} s window after {SETTLE:.0f} s; ratio = jkeepalived / keepalived")
        print(f"{'N':>6} {'metric':>9} {'keepalived':>11} {'jkeepalived':>12} {'ratio':>7}")
    for n, rk, rj in rows:
        if "error" in rj or ("error" in rk and rk["error"] != "skipped"):
            print(f"{n:>6} error: {rk.get('error', '')} {rj.get('error', '')}")
            continue
        print(f"{n:>6} {'load avg':>9} {fmt(rk.get('load', 0), '.1f'):>11} (1-min load average of the machine; {os.cpu_count()} CPUs)")
        for label, key, spec in cols:
            a, b = rk.get(key, float("nan")), rj[key]
            ratio = b / a if a else float("nan")
            print(f"{n:>6} {label:>9} {fmt(a, spec):>11} {fmt(b, spec):>12} {ratio:>7.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
