package io.souverix.supplychain.firmware;

import java.util.List;
import java.util.Objects;

/**
 * A node's firmware as its events tell it.
 *
 * @param baseline the manifest captured at provisioning
 * @param current the manifest of the installed image
 * @param history every installed image in order, baseline first
 * @since 0.1
 */
public record FirmwareState(
    FirmwareManifest baseline, FirmwareManifest current, List<FirmwareManifest> history) {
  /**
   * Copies the history.
   *
   * @throws NullPointerException if a field is null
   */
  public FirmwareState {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(current, "current");
    history = List.copyOf(history);
  }
}
