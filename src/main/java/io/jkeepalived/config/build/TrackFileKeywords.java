package io.jkeepalived.config.build;

/**
 * The {@code track_file} keywords, each beside what it does to the {@link TrackFileDraft}, with keepalived's
 * words.
 */
final class TrackFileKeywords {
    private TrackFileKeywords() {
    }

    static final KeywordTable<TrackFileDraft> TABLE = KeywordTable.<TrackFileDraft>of("track_file")
            .on("file", (f, w) -> f.file = w.required(0).orElse(null))
            .on("weight", TrackFileKeywords::weight)
            .on("init_file", TrackFileKeywords::initFile)
            .build();

    private static void weight(TrackFileDraft f, Words w) {
        var v = w.integer(0, -254, 254);
        if (v.isPresent()) {
            f.weight = (int) v.getAsLong();
        } else {
            w.error("Weight (" + w.arg(0).orElse("") + ") for track_file " + f.name
                    + " must be between [-254..254] inclusive. Ignoring...");
        }
        f.reverse = w.arg(1).filter("reverse"::equals).isPresent();
    }

    private static void initFile(TrackFileDraft f, Words w) {
        f.init = true;
        for (var a : w.node().argTexts()) {
            if (a.equals("overwrite")) {
                f.overwrite = true;
            } else {
                var v = w.integer(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (v.isPresent()) {
                    f.initValue = v;
                }
            }
        }
    }
}
