/**
 * Federation of desired state between global control and regional masters of record: hybrid logical
 * clocks, a per-field mergeable desired state with authority rules, and an upstream sync driven by
 * explicit ticks.
 *
 * <p>Start with {@link io.souverix.drift.federation.RegionalDesiredState}: a replicated value whose
 * merge is commutative, associative and idempotent, with each field resolved by {@link
 * io.souverix.drift.federation.AuthorityRules} (global wins for policy versions and security fixes,
 * the region for its config objects, else the latest {@link
 * io.souverix.drift.federation.HybridTimestamp}; fields marked for a human decision surface as
 * {@link io.souverix.drift.federation.PendingConflict}s). {@link
 * io.souverix.drift.federation.GlobalControl} and {@link
 * io.souverix.drift.federation.RegionalMaster} write it with their {@link
 * io.souverix.drift.federation.HybridClock}s, and a {@link
 * io.souverix.drift.federation.SyncScheduler} syncs a region upstream and produces its {@link
 * io.souverix.drift.federation.FederationSync} document. The rules are in {@code docs/drift.md}.
 */
@NullMarked
package io.souverix.drift.federation;

import org.jspecify.annotations.NullMarked;
