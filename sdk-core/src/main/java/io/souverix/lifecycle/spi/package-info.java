/**
 * Service-provider interfaces that adapters implement. Start with {@link
 * io.souverix.lifecycle.spi.EventStore}; new stores extend {@link
 * io.souverix.lifecycle.spi.AbstractEventStore} and prove themselves with the conformance kit's
 * {@code EventStoreVerification}.
 */
@NullMarked
package io.souverix.lifecycle.spi;

import org.jspecify.annotations.NullMarked;
