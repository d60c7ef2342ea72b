/**
 * Hardware supply chain: manufacturing records with a quality-control signature by a factory key
 * that chains to a manufacturer root, and batch tracking with fast recall queries. Start with
 * {@link io.souverix.supplychain.hardware.ManufacturingVerifier} and {@link
 * io.souverix.supplychain.hardware.BatchIndex}.
 */
@NullMarked
package io.souverix.supplychain.hardware;

import org.jspecify.annotations.NullMarked;
