/**
 * The connectivity spectrum of a node (connected, degraded, intermittent, autonomous, offline),
 * decided from heartbeats, silence and announcements with hysteresis: {@link
 * io.souverix.drift.connectivity.LinkMonitor} with the thresholds of {@link
 * io.souverix.drift.connectivity.LinkPolicy}. Each change is a {@link
 * io.souverix.drift.connectivity.LinkTransition} that becomes a {@code node.connectivity_changed}
 * event.
 */
@NullMarked
package io.souverix.drift.connectivity;

import org.jspecify.annotations.NullMarked;
