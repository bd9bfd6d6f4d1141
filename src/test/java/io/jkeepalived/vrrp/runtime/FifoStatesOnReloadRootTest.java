package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * fifo_write_vrrp_states_on_reload, against keepalived 2.2.7: node a (MASTER of VI_M and of sync group SG, BACKUP
 * of VI_B) reloads an unchanged configuration; its notify FIFO then gets the kept group's state and the kept
 * BACKUP's, nothing for the kept MASTERs. The same scenario runs twice, a being keepalived and then jkeepalived
 * (the peer b is the other daemon), and both FIFOs must read the same.
 */
@Tag("root")
@Timeout(240)
class FifoStatesOnReloadRootTest {
    private VrrpTestLan lan;
    private Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        dir = Files.createTempDirectory("jkd-fifostates");
    }

    @AfterEach
    void tearDown() throws Exception {
        closeNodes();
        Sh.run("rm", "-rf", dir.toString());
    }

    private void closeNodes() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
        if (lan != null) {
            lan.close();
            lan = null;
        }
    }

    private String config(String node, String ifname, int prioM, int prioB, int prioG) throws Exception {
        Path reader = dir.resolve("reader.sh");
        Files.writeString(reader, "#!/bin/sh\nwhile read l; do echo \"$l\" >> \"$1.log\"; done < \"$1\"\n");
        Files.setPosixFilePermissions(reader, PosixFilePermissions.fromString("rwxr-xr-x"));
        var sb = new StringBuilder("global_defs {\n    notify_fifo " + dir.resolve(node + ".fifo")
                + "\n    notify_fifo_script " + reader + "\n    fifo_write_vrrp_states_on_reload\n}\n");
        String[][] instances = {{"VI_M", "51", "" + prioM}, {"VI_B", "52", "" + prioB}, {"VI_G1", "53", "" + prioG},
                {"VI_G2", "54", "" + prioG}};
        for (String[] i : instances) {
            sb.append("vrrp_instance ").append(i[0]).append(" {\n    interface ").append(ifname)
                    .append("\n    virtual_router_id ").append(i[1]).append("\n    priority ").append(i[2])
                    .append("\n    advert_int 1\n    virtual_ipaddress {\n        192.0.2.").append(i[1])
                    .append("/24\n    }\n}\n");
        }
        return sb.append("vrrp_sync_group SG {\n    group {\n        VI_G1\n        VI_G2\n    }\n}\n").toString();
    }

    /** The FIFO lines node a wrote after its reload. */
    private List<String> linesAfterReload(boolean aIsJkeepalived) throws Exception {
        lan = new VrrpTestLan(aIsJkeepalived ? "fj" : "fk");
        String aConf = config("a", "jkda", 200, 50, 200);
        String bConf = config("b", "jkdb", 100, 100, 100);
        var a = aIsJkeepalived ? VrrpNode.jkeepalived("a", lan.a, dir, aConf) : VrrpNode.keepalived("a", lan.a, dir, aConf);
        var b = aIsJkeepalived ? VrrpNode.keepalived("b", lan.b, dir, bConf) : VrrpNode.jkeepalived("b", lan.b, dir, bConf);
        cleanup.add(a);
        cleanup.add(b);
        b.start();
        await("b MASTER of VI_B", 30_000, () -> b.state("VI_B").equals("MASTER"), b);
        a.start();
        await("a MASTER of VI_M, VI_G1, VI_G2 and BACKUP of VI_B", 40_000, () -> a.state("VI_M").equals("MASTER")
                && a.state("VI_G1").equals("MASTER") && a.state("VI_G2").equals("MASTER")
                && a.state("VI_B").equals("BACKUP"), a, b);
        Thread.sleep(2_000);
        Path fifoLog = dir.resolve("a.fifo.log");
        int before = Files.exists(fifoLog) ? Files.readString(fifoLog).length() : 0;
        Sh.run("kill", "-HUP", Long.toString(a.pid()));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && Files.readString(fifoLog).substring(before).lines().count() < 2) {
            Thread.sleep(100);
        }
        Thread.sleep(3_000);        // a line more would show now
        var lines = Files.readString(fifoLog).substring(before).lines().toList();
        assertEquals("MASTER", a.state("VI_M"), a.currentLog());
        closeNodes();
        Files.deleteIfExists(fifoLog);
        return lines;
    }

    @Test
    void aReloadWritesTheKeptStatesAsKeepalivedDoes() throws Exception {
        var keepalived = linesAfterReload(false);
        assertEquals(List.of("GROUP \"SG\" MASTER 0", "INSTANCE \"VI_B\" BACKUP 50"), keepalived, "keepalived 2.2.7");
        assertEquals(keepalived, linesAfterReload(true), "jkeepalived");
    }
}
