package io.jkeepalived.config.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.lex.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config_save_dir's copy: what was read, includes in place, and it reads back to the same lines. */
class ConfigCopyTest {
    @TempDir
    Path dir;

    @Test
    void theCopyShowsEachFileWhereItIsReadAndReadsBackToTheSameLines() throws Exception {
        Path main = dir.resolve("k.conf");
        Files.writeString(dir.resolve("vips.conf"), "virtual_ipaddress {\n  192.0.2.1/24   # vip\n}\n");
        Files.writeString(main, """
                ! a comment
                $IF=eth0
                global_defs {
                    router_id "two words"
                }
                vrrp_instance VI_1 {
                    interface $IF
                    include vips.conf
                    priority 100
                }
                """);
        var options = new ConfigReader.Options("h", false);
        var parsed = ConfigReader.read(main, options);
        String copy = ConfigCopy.render(parsed);
        assertEquals("""
                # %s
                global_defs {
                router_id "two words"
                }
                vrrp_instance VI_1 {
                interface eth0
                # %s
                virtual_ipaddress {
                192.0.2.1/24
                }
                # %s
                priority 100
                }
                """.formatted(main, "vips.conf", main), copy, "files named as keepalived names them (the include as written)");
        Path again = dir.resolve("copy.conf");
        Files.writeString(again, copy);
        assertEquals(words(parsed.roots()), words(ConfigReader.read(again, options).roots()));
    }

    private static List<Object> words(List<ConfigNode> nodes) {
        return nodes.stream().<Object>map(n -> List.of(n.words(), words(n.children()))).toList();
    }
}
