/**
 * Attestation: deciding, with evidence, whether a node may be trusted. Start with {@link
 * io.souverix.attestation.NonceRegistry}, which issues the challenges that keep evidence fresh.
 */
@NullMarked
package io.souverix.attestation;

import org.jspecify.annotations.NullMarked;
