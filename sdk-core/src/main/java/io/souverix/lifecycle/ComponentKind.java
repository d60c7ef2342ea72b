package io.souverix.lifecycle;

import java.util.Locale;
import java.util.Optional;

/**
 * The two kinds of component that have a lifecycle.
 *
 * @since 0.1
 */
public enum ComponentKind {
  /** A hardware node; its stream id is the node id, such as {@code node-000042}. */
  HARDWARE,
  /** A software component on a node; its stream id is {@code <nodeId>/<name>}. */
  SOFTWARE;

  /**
   * Returns the name used in event payloads ({@code component_kind}).
   *
   * @return {@code "hardware"} or {@code "software"}
   */
  public String payloadName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a payload name.
   *
   * @param payloadName {@code "hardware"} or {@code "software"}
   * @return the kind, or empty if the name is neither
   */
  public static Optional<ComponentKind> fromPayloadName(String payloadName) {
    for (ComponentKind k : values()) {
      if (k.payloadName().equals(payloadName)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the kind a stream id's shape implies: software if it contains {@code '/'} (software
   * stream ids are {@code "<nodeId>/<name>"}), hardware otherwise.
   *
   * @param streamId a stream id; not null
   * @return the kind
   * @since 0.1
   */
  public static ComponentKind ofStreamId(String streamId) {
    return streamId.indexOf('/') >= 0 ? SOFTWARE : HARDWARE;
  }
}
