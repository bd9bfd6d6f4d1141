#!/usr/bin/env python3
"""Writes the two benchmark configurations into the directory given:
vrrp-1000.conf (1,000 vrrp_instance on eth0..eth3) and rs-10000.conf (100 virtual_server x 100 real_server,
each with a TCP_CHECK). Addresses come from the benchmark range 198.18.0.0/15."""
import os, sys

out = sys.argv[1]
with open(os.path.join(out, "vrrp-1000.conf"), "w") as f:
    f.write("global_defs {\n  router_id bench\n}\n")
    for i in range(1000):
        f.write(f"""vrrp_instance VI_{i} {{
    state {'MASTER' if i % 2 else 'BACKUP'}
    interface eth{i // 250}
    virtual_router_id {i % 250 + 1}
    priority {100 + i % 50}
    advert_int 1
    authentication {{
        auth_type PASS
        auth_pass p{i}
    }}
    virtual_ipaddress {{
        198.18.{i // 250}.{i % 250 + 1}/32 dev eth{i // 250}
        198.19.{i // 250}.{i % 250 + 1}/32 dev eth{i // 250}
    }}
}}
""")
with open(os.path.join(out, "rs-10000.conf"), "w") as f:
    f.write("global_defs {\n  router_id bench\n}\n")
    for v in range(100):
        f.write(f"""virtual_server 198.18.200.{v + 1} 80 {{
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    protocol TCP
""")
        for r in range(100):
            f.write(f"""    real_server 198.19.{v}.{r + 1} 80 {{
        weight 1
        TCP_CHECK {{
            connect_timeout 3
            retry 2
            delay_before_retry 1
        }}
    }}
""")
        f.write("}\n")
