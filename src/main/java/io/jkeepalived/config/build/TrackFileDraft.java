package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.TrackFileSpec;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code track_file / vrrp_track_file} block while it is read: {@link TrackFileKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks.
 */
final class TrackFileDraft {
    final String name;
    String file;
    int weight = 1;
    boolean reverse;
    boolean init;
    OptionalLong initValue = OptionalLong.empty();
    boolean overwrite;

    TrackFileDraft(String name) {
        this.name = name;
    }

    Optional<TrackFileSpec> finish(ConfigNode block, DiagnosticSink sink) {
        if (file == null) {
            sink.warning(VrrpBuilder.endPos(block), "No file set for track_file " + name + " - ignoring");
            return Optional.empty();
        }
        return Optional.of(new TrackFileSpec(name, file, weight, reverse, init, initValue, overwrite, block.pos()));
    }
}
