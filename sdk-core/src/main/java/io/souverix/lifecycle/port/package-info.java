/**
 * Integration ports of the design: small SPIs through which lifecycle facts leave the SDK and
 * connectivity and federation facts come in, each with an in-process implementation.
 *
 * <p>{@link io.souverix.lifecycle.port.DigitalTwinSink} receives {@link
 * io.souverix.lifecycle.port.TwinUpdate}s, which {@link io.souverix.lifecycle.port.TwinPublisher}
 * emits from the event stream; {@link io.souverix.lifecycle.port.ConnectivityManager} tracks
 * autonomy windows, sync debt and replay; {@link io.souverix.lifecycle.port.MultiMasterController}
 * holds regional authority and copies events between regions. See {@code docs/projections.md}.
 */
@NullMarked
package io.souverix.lifecycle.port;

import org.jspecify.annotations.NullMarked;
