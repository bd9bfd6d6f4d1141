/**
 * Configuration to check engine: the engine's plan (virtual and real servers, checkers with every
 * default resolved) and, in the same order, what each checker checks (CheckerBinding).
 */
package io.jkeepalived.check.plan;
