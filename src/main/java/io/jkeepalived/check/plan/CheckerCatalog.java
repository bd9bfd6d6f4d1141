package io.jkeepalived.check.plan;

import io.jkeepalived.check.engine.CheckerWords;
import io.jkeepalived.config.model.CheckerSpec;

/** What planning needs to know of the checkers that can run: which types exist, and how each words its log lines. */
public interface CheckerCatalog {
    /** False for a checker type jkeepalived cannot run (the plan says so once and fails it). */
    boolean supports(CheckerSpec spec);

    CheckerWords words(CheckerBinding binding);
}
