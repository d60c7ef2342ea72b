/**
 * Firmware management: vendor-signed firmware manifests (digest, version, monotonic security
 * version), the firmware baseline captured at provisioning, updates as events and anti-rollback.
 * Start with {@link io.souverix.supplychain.firmware.FirmwareVerifier} and {@link
 * io.souverix.supplychain.firmware.FirmwareUpdates}.
 */
@NullMarked
package io.souverix.supplychain.firmware;

import org.jspecify.annotations.NullMarked;
