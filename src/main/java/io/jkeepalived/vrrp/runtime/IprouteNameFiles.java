package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.vrrp.plan.RoutingNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads iproute2's name files as keepalived 2.3's rttables.c does, for the names routes and rules may use: FILE in
 * the etc directory ({@code iproute_etc_dir}, /etc/iproute2), else in the usr directory ({@code iproute_usr_dir},
 * /usr/share/iproute2); then every {@code FILE.d/*.conf} of the usr directory that the etc directory has no entry of
 * that name for; then every {@code FILE.d/*.conf} of the etc directory. Lines are "NUMBER NAME" (a '#' starts a
 * comment; other lines are skipped). The .d files are read in name order (keepalived: directory order).
 */
final class IprouteNameFiles {
    static final Path ETC = Path.of("/etc/iproute2");
    static final Path USR = Path.of("/usr/share/iproute2");

    private IprouteNameFiles() {
    }

    static RoutingNames read(GlobalDefs g) {
        return read(g.iprouteEtcDir().map(Path::of).orElse(ETC), g.iprouteUsrDir().map(Path::of).orElse(USR));
    }

    static RoutingNames read(Path etc, Path usr) {
        var files = new HashMap<String, List<RoutingNames.Entry>>();
        for (String f : RoutingNames.FILES) {
            files.put(f, entries(etc, usr, f));
        }
        return RoutingNames.of(files);
    }

    static List<RoutingNames.Entry> entries(Path etc, Path usr, String file) {
        var out = new ArrayList<RoutingNames.Entry>();
        if (Files.isRegularFile(etc.resolve(file))) {
            read(etc.resolve(file), out);
        } else if (Files.isRegularFile(usr.resolve(file))) {
            read(usr.resolve(file), out);
        }
        Path etcD = etc.resolve(file + ".d");
        for (Path p : confFiles(usr.resolve(file + ".d"))) {
            if (!Files.exists(etcD.resolve(p.getFileName()))) {
                read(p, out);
            }
        }
        for (Path p : confFiles(etcD)) {
            read(p, out);
        }
        return out;
    }

    /** The regular files named *.conf (not hidden) of a directory, by name; none when it is missing. */
    private static List<Path> confFiles(Path dir) {
        var found = new ArrayList<Path>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && name.length() > 5 && name.endsWith(".conf") && Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            return found;       // unreadable: as keepalived, its names are just not there
        }
        found.sort(null);
        return found;
    }

    private static void read(Path file, List<RoutingNames.Entry> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return;
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("[ \t]+");
            if (fields.length != 2) {
                continue;
            }
            OptionalLong id = RoutingNames.number(fields[0]);
            if (id.isPresent()) {
                out.add(new RoutingNames.Entry(id.getAsLong(), fields[1]));
            }
        }
    }
}
