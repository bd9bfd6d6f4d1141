package io.jkeepalived.vrrp.plan;

import io.jkeepalived.linux.Route;
import io.jkeepalived.linux.RouteAddMode;

/** A route as rtnetlink will install it, and how it treats a matching route already there (keepalived prepends). */
public record PlannedRoute(Route route, RouteAddMode mode) {
}
