package io.jkeepalived.lvs;

import java.util.Optional;

/** What a virtual service is besides its key and destinations; all of it can change in place. */
public record ServiceSettings(Scheduling scheduling, Optional<Persistence> persistence) {
    public static ServiceSettings of(String scheduler) {
        return new ServiceSettings(Scheduling.of(scheduler), Optional.empty());
    }
}
