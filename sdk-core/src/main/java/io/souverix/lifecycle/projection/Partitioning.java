package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.internal.Sha256;
import java.util.Locale;
import java.util.Objects;

/**
 * A split of the fleet's streams into {@code N} partitions by a stable hash of the stream id, so
 * that {@code N} projection workers each consume one partition.
 *
 * <p>The partition of a stream is the first 8 bytes of the SHA-256 of the UTF-8 bytes of its stream
 * id, read as an unsigned big-endian 64-bit integer, modulo {@code N}. The function depends on
 * nothing but the stream id and {@code N}, so it is the same in every JVM, every release and every
 * language. All events of a stream land in the same partition; a software component ({@code
 * "<nodeId>/<name>"}) may land in a different partition than its node.
 *
 * @since 0.1
 */
public final class Partitioning {
  /** Most partitions supported. */
  public static final int MAX_PARTITIONS = 4096;

  private static final Partitioning SINGLE = new Partitioning(1);

  private final int count;

  private Partitioning(int count) {
    this.count = count;
  }

  /**
   * Returns the partitioning of the whole fleet into one partition.
   *
   * @return the single partitioning
   * @since 0.1
   */
  public static Partitioning single() {
    return SINGLE;
  }

  /**
   * Returns a partitioning into {@code count} partitions.
   *
   * @param count the number of partitions, 1 to {@link #MAX_PARTITIONS}
   * @return the partitioning
   * @throws IllegalArgumentException if {@code count} is out of range
   * @since 0.1
   */
  public static Partitioning of(int count) {
    if (count < 1 || count > MAX_PARTITIONS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "partition count; expected 1 to %d, but got %d", MAX_PARTITIONS, count));
    }
    return count == 1 ? SINGLE : new Partitioning(count);
  }

  /**
   * Returns the number of partitions.
   *
   * @return at least 1
   * @since 0.1
   */
  public int count() {
    return count;
  }

  /**
   * Returns the partition of a stream.
   *
   * @param streamId the stream id; not null
   * @return a partition in {@code [0, count())}
   * @since 0.1
   */
  public int partitionOf(String streamId) {
    Objects.requireNonNull(streamId, "streamId");
    if (count == 1) {
      return 0;
    }
    return (int) Long.remainderUnsigned(hash64(streamId), count);
  }

  /**
   * Returns the stable 64-bit hash of a stream id: the first 8 bytes of its SHA-256, big-endian.
   *
   * @param streamId the stream id; not null
   * @return the hash, to be read as unsigned
   * @since 0.1
   */
  public static long hash64(String streamId) {
    Objects.requireNonNull(streamId, "streamId");
    return Long.parseUnsignedLong(Sha256.hex(streamId).substring(0, 16), 16);
  }

  /**
   * Checks a partition number against this partitioning.
   *
   * @param partition the partition
   * @return the same partition
   * @throws IllegalArgumentException if not in {@code [0, count())}
   */
  int checkPartition(int partition) {
    if (partition < 0 || partition >= count) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "partition; expected 0 to %d, but got %d", count - 1, partition));
    }
    return partition;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Partitioning && ((Partitioning) o).count == count;
  }

  @Override
  public int hashCode() {
    return count;
  }

  @Override
  public String toString() {
    return "Partitioning[" + count + "]";
  }
}
