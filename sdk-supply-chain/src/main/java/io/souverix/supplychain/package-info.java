/**
 * Supply-chain provenance: where hardware, firmware and software came from. Start with {@link
 * io.souverix.supplychain.Digest}, the identity of every artifact.
 */
@NullMarked
package io.souverix.supplychain;

import org.jspecify.annotations.NullMarked;
