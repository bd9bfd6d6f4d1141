package io.jkeepalived.config.build;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A model accessor named by method reference ({@code VrrpInstanceSpec::priority}): what an applied keyword
 * fills. Serializable so that a test can recover the method it names and check run-time code reads it.
 *
 * @param <T> the model record
 */
@FunctionalInterface
public interface ModelAccessor<T> extends Function<T, Object>, Serializable {
}
