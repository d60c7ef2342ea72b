package io.souverix.supplychain.hardware;

import java.util.Objects;

/**
 * The verdict of a {@link ChainValidator}.
 *
 * @param trusted whether the chain reaches a trusted root and passed every check
 * @param reason the validator's stable reason code when rejected, {@code "OK"} when trusted
 * @param detail a message a person can act on
 * @since 0.1
 */
public record ChainVerdict(boolean trusted, String reason, String detail) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ChainVerdict {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * A trusted chain.
   *
   * @return the verdict
   * @since 0.1
   */
  public static ChainVerdict ok() {
    return new ChainVerdict(true, "OK", "chain trusted");
  }

  /**
   * A rejected chain.
   *
   * @param reason the validator's stable reason code; not null
   * @param detail what failed; not null
   * @return the verdict
   * @since 0.1
   */
  public static ChainVerdict rejected(String reason, String detail) {
    return new ChainVerdict(false, reason, detail);
  }
}
