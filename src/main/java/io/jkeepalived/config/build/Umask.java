package io.jkeepalived.config.build;

import java.util.List;

/** keepalived's umask value: an octal number, or permission names joined by '|' ({@code IWGRP|IWOTH}). */
final class Umask {
    private Umask() {
    }

    /** The mask, or -1 when the words are not a valid umask. */
    static int parse(List<String> words) {
        var text = String.join("", words);
        if (text.isEmpty()) {
            return -1;
        }
        if (Character.isDigit(text.charAt(0))) {
            int v = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '7') {
                    return -1;
                }
                v = v * 8 + (c - '0');
            }
            return v <= 0777 ? v : -1;
        }
        int mask = 0;
        for (var part : text.split("\\|")) {
            int bit = switch (part) {
                case "IRUSR" -> 0400;
                case "IWUSR" -> 0200;
                case "IXUSR" -> 0100;
                case "IRGRP" -> 040;
                case "IWGRP" -> 020;
                case "IXGRP" -> 010;
                case "IROTH" -> 04;
                case "IWOTH" -> 02;
                case "IXOTH" -> 01;
                default -> -1;
            };
            if (bit < 0) {
                return -1;
            }
            mask |= bit;
        }
        return mask;
    }
}
