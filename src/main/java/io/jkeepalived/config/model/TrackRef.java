package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.OptionalInt;

/**
 * One entry of a {@code track_interface}/{@code track_script}/{@code track_file}/{@code track_process}/
 * {@code track_bfd} block: the name, the weight given there (empty = use the tracker's own weight),
 * and whether it is reversed.
 */
public record TrackRef(String name, OptionalInt weight, boolean reverse, SourcePos pos) {
}
