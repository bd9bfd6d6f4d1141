package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.TrackRef;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Entries of track_interface / track_script / track_file / track_process / track_bfd: {@code NAME [weight N [reverse|noreverse]]}. */
final class TrackLines {
    private TrackLines() {
    }

    static List<TrackRef> read(String tag, ConfigNode block, int minWeight, int maxWeight, DiagnosticSink sink) {
        var out = new ArrayList<TrackRef>();
        for (var line : block.children()) {
            var w = line.words();
            OptionalInt weight = OptionalInt.empty();
            boolean reverse = false;
            for (int i = 1; i < w.size(); i++) {
                switch (w.get(i)) {
                    case "weight" -> {
                        if (i + 1 >= w.size()) {
                            sink.error(line.pos(), "(" + w.get(0) + ") weight without value specified - ignoring");
                            break;
                        }
                        var text = w.get(++i);
                        try {
                            int v = Integer.parseInt(text);
                            if (v < minWeight || v > maxWeight) {
                                if (v < minWeight - 1 || v > maxWeight + 1) {
                                    sink.error(line.pos(), "number '" + text + "' outside range [" + (minWeight - 1) + ", "
                                            + (maxWeight + 1) + "]");
                                }
                                sink.error(line.pos(), tag + " weight " + text + " for " + w.get(0) + " must be between ["
                                        + minWeight + ".." + maxWeight + "] inclusive. Ignoring...");
                            } else {
                                weight = OptionalInt.of(v);
                            }
                        } catch (NumberFormatException e) {
                            sink.error(line.pos(), "invalid number '" + text + "'");
                        }
                    }
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> sink.error(line.pos(), "Unknown track option '" + w.get(i) + "' for " + w.get(0) + " - ignoring");
                }
            }
            out.add(new TrackRef(w.get(0), weight, reverse, line.pos()));
        }
        return out;
    }
}
