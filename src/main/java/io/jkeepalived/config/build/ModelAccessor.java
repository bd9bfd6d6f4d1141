package io.jkeepalived.config.build;

import java.util.function.Function;

/**
 * A model accessor named by method reference ({@code VrrpInstanceSpec::priority}): what an applied keyword
 * fills. AcceptedMeansAppliedTest reads the method each {@code applied(...)} names from the keyword tables'
 * bytecode. Deliberately not Serializable: a serializable lambda is spun at run time (the JDK's AOT cache cannot
 * hold it), and the ~290 of the tables cost a third of a start's time before they stopped being.
 *
 * @param <T> the model record
 */
@FunctionalInterface
public interface ModelAccessor<T> extends Function<T, Object> {
}
