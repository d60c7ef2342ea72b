/**
 * Autonomous mode of a node: the snapshot of its expected state on the connectivity break, drift
 * and sync debt while away, and the causal replay and hash validation on its return.
 *
 * <p>Start with {@link io.souverix.drift.autonomy.AutonomySession}: {@code enter} on the break,
 * {@code reportActual} and {@code missed} while away ({@code backlog} and {@code debt} feed the
 * {@link io.souverix.drift.SyncDebt} document), {@code returning} for the {@link
 * io.souverix.drift.autonomy.ReplayPlan}, and {@code complete} for the {@link
 * io.souverix.drift.autonomy.ReplayValidation}.
 */
@NullMarked
package io.souverix.drift.autonomy;

import org.jspecify.annotations.NullMarked;
