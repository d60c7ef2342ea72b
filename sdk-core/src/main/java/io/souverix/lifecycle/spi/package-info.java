/**
 * Service-provider interfaces that adapters implement. Start with {@link
 * io.souverix.lifecycle.spi.EventStore}; new stores extend {@link
 * io.souverix.lifecycle.spi.AbstractEventStore} and prove themselves with the conformance kit's
 * {@code EventStoreVerification}. Policy back-ends implement {@link
 * io.souverix.lifecycle.spi.PolicyEngine} (with {@link io.souverix.lifecycle.spi.PolicyInput},
 * {@link io.souverix.lifecycle.spi.Decision} and {@link io.souverix.lifecycle.spi.PolicyException})
 * and key holders {@link io.souverix.lifecycle.spi.Signer}; the kit proves them with {@code
 * PolicyEngineVerification} and {@code SignerVerification}. Messaging between nodes and masters
 * goes through {@link io.souverix.lifecycle.spi.Transport} (signed {@link
 * io.souverix.lifecycle.spi.TransportEnvelope}s, resumable {@link
 * io.souverix.lifecycle.spi.TransportCursor}s), proved by {@code TransportVerification}.
 */
@NullMarked
package io.souverix.lifecycle.spi;

import org.jspecify.annotations.NullMarked;
