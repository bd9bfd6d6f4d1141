#!/usr/bin/env python3
"""HTTP_GET benchmark, keepalived -C vs jkeepalived's checker: bench/checker/bench.py's namespace, nginx,
SYN counter, CPU/RSS and detection-latency measurements, with HTTP_GET { url { path / } } instead of
TCP_CHECK (delay_loop 1, connect_timeout 1, retry 0), and jkeepalived run through CheckerDaemon's own
wiring (so the protocol checkers are the ones the daemon uses).

Run as root from the repository: bench/checkproto/run.sh [N ...]
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench", os.path.join(HERE, "..", "checker", "bench.py"))
b = importlib.util.module_from_spec(spec)
spec.loader.exec_module(b)


CHECK = os.environ.get("CHECK", "HTTP_GET")   # TCP_CHECK for the same run with the core's TCP checker


def write_config(path, n):
    check = ("HTTP_GET {\n            url {\n                path /\n            }\n" if CHECK == "HTTP_GET"
             else "TCP_CHECK {\n")
    with open(path, "w") as f:
        f.write("global_defs {\n    router_id bench\n}\n\n")
        f.write("virtual_server 198.51.100.1 80 {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n\n")
        for i in range(n):
            f.write(f"    real_server {b.rs_addr(i)} 80 {{\n        weight 1\n"
                    f"        {check}"
                    f"            connect_timeout 1\n            retry 0\n        }}\n    }}\n")
        f.write("}\n")


def build(work):
    classes = os.path.join(b.REPO, "target", "classes")
    cpfile = os.path.join(work, "cp.txt")
    b.sh("mvn", "-q", "-o", "dependency:build-classpath", f"-Dmdep.outputFile={cpfile}", "-Dmdep.includeScope=runtime",
         cwd=b.REPO, env={**os.environ, "JAVA_HOME": b.JDK})
    with open(cpfile) as f:
        deps = f.read().strip()
    out = os.path.join(work, "bench-classes")
    b.sh(f"{b.JDK}/bin/javac", "-d", out, "-cp", classes, os.path.join(HERE, "BenchProto.java"))
    shim = os.path.join(work, "ipvsshim.so")
    b.sh("gcc", "-shared", "-fPIC", "-O2", "-o", shim, "/work/shared/tools/ipvsshim.c", "-ldl")
    return f"{classes}:{deps}:{out}", shim


def main():
    if os.geteuid() != 0:
        sys.exit("bench: run as root (it creates a network namespace)")
    counts = [int(a) for a in sys.argv[1:]] or [10, 100, 1000, 5000, 10000]
    only = os.environ.get("ONLY", "")   # "jkeepalived" or "keepalived" to run one side
    import tempfile
    work = tempfile.mkdtemp(prefix="jkpb-")
    try:
        cp, shim = build(work)
        b.setup(work)
        for n in counts:
            conf = os.path.join(work, f"keepalived-{n}.conf")
            write_config(conf, n)
            rk = {"error": "not run"}
            if only != "jkeepalived":
                ka = b.Daemon("keepalived", ["keepalived", "-C", "-n", "-l", "-G", "-f", conf, "-p", f"{work}/ka.pid",
                                             "-c", f"{work}/kc.pid"], {**os.environ, "LD_PRELOAD": shim},
                              f"{work}/keepalived-{n}.log")
                try:
                    rk = b.measure(ka, n)
                finally:
                    ka.stop()
            rj = {"error": "not run"}
            if only != "keepalived":
                extra = [f"-XX:StartFlightRecording=filename={work}/jk-{n}.jfr,settings=profile,jdk.ExecutionSample#period=1ms"] if os.environ.get("JFR") else []
                jk = b.Daemon("jkeepalived", [f"{b.JDK}/bin/java", *b.JAVA_OPTS, *extra, "-cp", cp, "BenchProto", conf],
                              dict(os.environ), f"{work}/jkeepalived-{n}.log")
                try:
                    rj = b.measure(jk, n)
                finally:
                    jk.stop()
            print(f"N={n} {CHECK} keepalived={rk}\nN={n} {CHECK} jkeepalived={rj}")
            if "cpu_s" in rj and "checks_per_s" in rj and rj["checks_per_s"]:
                print(f"N={n} jkeepalived CPU per 1000 checks: {1000 * rj['cpu_s'] / (rj['checks_per_s'] * b.WINDOW):.3f} s")
            if "cpu_s" in rk and "checks_per_s" in rk and rk["checks_per_s"]:
                print(f"N={n} keepalived  CPU per 1000 checks: {1000 * rk['cpu_s'] / (rk['checks_per_s'] * b.WINDOW):.3f} s")
            sys.stdout.flush()
    finally:
        b.teardown(work)
    print(f"\nlogs and configs: {work}")


if __name__ == "__main__":
    main()
