package io.jkeepalived.vrrp.plan;

import java.util.List;

/** A config line turned into what the kernel is given: done (with the options that are not applied), or refused. */
public sealed interface Translation<T> {
    record Done<T>(T value, List<String> notApplied) implements Translation<T> {
        public Done {
            notApplied = List.copyOf(notApplied);
        }
    }

    record Refused<T>(String reason) implements Translation<T> {
    }
}
