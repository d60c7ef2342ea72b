/**
 * Desired state over a {@link io.souverix.lifecycle.spi.Transport}: a master of record publishes
 * each node's desired state (component versions, configuration objects, policy versions) as signed
 * envelopes on the {@code desired-state} channel, nodes apply them in order from a cursor they
 * persist and report their actual state on the {@code actual-state} channel; and the federation
 * {@link io.souverix.drift.federation.Upstream} exchange between a regional master and global
 * control carried over the same SPI.
 *
 * <p>Start with {@link io.souverix.drift.desired.DesiredStateMaster} and {@link
 * io.souverix.drift.desired.DesiredStateNode}; for federation, {@link
 * io.souverix.drift.desired.TransportUpstream} (region side) and {@link
 * io.souverix.drift.desired.FederationEndpoint} (global control side). The rules are in {@code
 * docs/drift.md}, section "Desired state over a transport".
 */
@NullMarked
package io.souverix.drift.desired;

import org.jspecify.annotations.NullMarked;
