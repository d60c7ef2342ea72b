/**
 * Integrity checks over a whole event store. Start at {@link
 * io.souverix.lifecycle.verify.ChainVerifier#verify(io.souverix.lifecycle.spi.EventStore)}.
 */
@NullMarked
package io.souverix.lifecycle.verify;

import org.jspecify.annotations.NullMarked;
