package io.jkeepalived.config.build;

import java.util.List;

/**
 * The {@code vrrp_track_process} keywords, each beside what it does to the {@link TrackProcessDraft}, with keepalived's
 * words.
 */
final class TrackProcessKeywords {
    private TrackProcessKeywords() {
    }

    static final KeywordTable<TrackProcessDraft> TABLE = KeywordTable.<TrackProcessDraft>of("vrrp_track_process")
            .on("process", TrackProcessKeywords::process)
            .on("param_match", (p, w) -> p.paramMatch = w.required(0))
            .on("weight", TrackProcessKeywords::weight)
            .on("quorum", "quorum_max", TrackProcessKeywords::quorum)
            .on("delay", TrackProcessKeywords::delay)
            .on("fork_delay", (p, w) -> p.fork = w.seconds(0, 0, 3600).orElse(p.fork))
            .on("terminate_delay", (p, w) -> p.terminate = w.seconds(0, 0, 3600).orElse(p.terminate))
            .on("full_command", (p, w) -> p.full = true)
            .build();

    private static void process(TrackProcessDraft p, Words w) {
        p.process = w.required(0).orElse(null);
        p.params = w.node().argTexts().size() > 1 ? w.node().argTexts().subList(1, w.node().argTexts().size()) : List.of();
    }

    private static void weight(TrackProcessDraft p, Words w) {
        var v = w.integer(0, -254, 254);
        if (v.isPresent()) {
            p.weight = (int) v.getAsLong();
        } else {
            w.error("Weight (" + w.arg(0).orElse("") + ") for vrrp_track_process " + p.name
                    + " must be between [-254..254] inclusive. Ignoring...");
        }
        p.reverse = w.arg(1).filter("reverse"::equals).isPresent();
    }

    private static void quorum(TrackProcessDraft p, Words w) {
        var v = w.integer(0, 1, 65535);
        if (v.isEmpty()) {
            w.error((w.keyword().equals("quorum") ? "Quorum" : "Quorum max") + " (" + w.arg(0).orElse("")
                    + ") for vrrp_track_process " + p.name + " must be between [1..65535] inclusive. Ignoring...");
        } else if (w.keyword().equals("quorum")) {
            p.quorum = (int) v.getAsLong();
        } else {
            p.quorumMax = (int) v.getAsLong();
        }
    }

    private static void delay(TrackProcessDraft p, Words w) {
        var d = w.seconds(0, 0, 3600);
        if (d.isPresent()) {
            p.fork = d.get();
            p.terminate = d.get();
        }
    }
}
