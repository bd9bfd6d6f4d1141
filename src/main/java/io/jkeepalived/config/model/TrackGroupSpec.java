package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;

/**
 * A root {@code track_group NAME { group { VI_1 VI_2 } }}: the VRRP instances that track the interface of every
 * static address, route ({@code dev}) and rule ({@code iif}) naming this group with {@code track_group NAME} -
 * keepalived's static_track_group_init: the instances track that interface with weight 0, so it going down puts
 * them in FAULT. {@code instances} holds only instances that exist (keepalived ignores the others).
 */
public record TrackGroupSpec(String name, List<String> instances, SourcePos pos) {
    public TrackGroupSpec {
        instances = List.copyOf(instances);
    }
}
