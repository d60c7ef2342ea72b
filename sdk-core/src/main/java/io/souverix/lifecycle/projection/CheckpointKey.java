package io.souverix.lifecycle.projection;

import java.util.Locale;
import java.util.Objects;

/**
 * Identifies one checkpoint: a projection's name and the partition of the fleet it covers.
 *
 * @param projection the projection's name
 * @param partition the partition, in {@code [0, partitions)}
 * @param partitions the number of partitions the fleet is split into
 * @since 0.1
 */
public record CheckpointKey(String projection, int partition, int partitions) {
  /**
   * Validates the key.
   *
   * @throws IllegalArgumentException if the name is empty or the partition is out of range
   */
  public CheckpointKey {
    Objects.requireNonNull(projection, "projection");
    if (projection.isEmpty()) {
      throw new IllegalArgumentException("projection name must not be empty");
    }
    Partitioning.of(partitions).checkPartition(partition);
  }

  /**
   * Returns the key of an unpartitioned projection.
   *
   * @param projection the projection's name; not null
   * @return the key of partition 0 of 1
   * @since 0.1
   */
  public static CheckpointKey of(String projection) {
    return new CheckpointKey(projection, 0, 1);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s[%d/%d]", projection, partition, partitions);
  }
}
