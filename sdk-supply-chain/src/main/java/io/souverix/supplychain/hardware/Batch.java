package io.souverix.supplychain.hardware;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registered manufacturing batch.
 *
 * @param batchId the batch id, as in {@code manufacturing.batch_id}
 * @param origin the manufacturing site, or null if unknown
 * @param manufacturedOn the day of manufacture, or null if unknown
 * @param model the hardware model built in the batch, or null if unknown
 * @since 0.1
 */
public record Batch(
    String batchId,
    @Nullable String origin,
    @Nullable LocalDate manufacturedOn,
    @Nullable String model) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the batch id is blank or contains white space
   */
  public Batch {
    Objects.requireNonNull(batchId, "batchId");
    if (!batchId.matches("\\S{1,200}")) {
      throw new IllegalArgumentException(
          "batchId; expected 1 to 200 characters without white space, but got '" + batchId + "'");
    }
  }
}
