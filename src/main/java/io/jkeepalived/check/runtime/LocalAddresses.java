package io.jkeepalived.check.runtime;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;

/** The addresses configured on this host's interfaces now (for ha_suspend). */
final class LocalAddresses {
    private LocalAddresses() {
    }

    static Set<String> snapshot() {
        var all = new HashSet<String>();
        try {
            var interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                var nif = interfaces.nextElement();
                var addresses = nif.getInetAddresses();
                while (addresses.hasMoreElements()) {
                    var a = addresses.nextElement().getHostAddress();
                    int scope = a.indexOf('%');
                    all.add(scope < 0 ? a : a.substring(0, scope));
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: treat as none present
        }
        return Set.copyOf(all);
    }
}
