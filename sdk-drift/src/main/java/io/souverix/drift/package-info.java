/**
 * Desired versus actual state: drift scoring and the sync debt of disconnected nodes.
 *
 * <p>Start with {@link io.souverix.drift.DriftScorer}: it turns each node's {@link
 * io.souverix.drift.NodeState} into an explainable {@link io.souverix.drift.NodeDrift} (score 0 to
 * 100, severity, factors) and a fleet into a {@link io.souverix.drift.DriftAnalysis}. For a node
 * returning from isolation, {@link io.souverix.drift.SyncDebt#compute} estimates what it owes from
 * its {@link io.souverix.drift.Backlog} and {@link io.souverix.drift.ReplayCosts} (built on the
 * measured {@link io.souverix.drift.ReplayRate}). Every formula is in {@code docs/drift.md}.
 */
@NullMarked
package io.souverix.drift;

import org.jspecify.annotations.NullMarked;
