package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code track_file NAME { file PATH; weight N [reverse]; init_file [VALUE] [overwrite] }} (default weight 1). */
public record TrackFileSpec(String name, String file, int weight, boolean weightReverse, boolean initFile,
        OptionalLong initValue, boolean initOverwrite, SourcePos pos) {
    public Optional<String> path() {
        return Optional.of(file);
    }
}
