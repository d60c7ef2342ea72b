package io.souverix.lifecycle.projection;

/**
 * Whether a component is a hardware node or a software component deployed on one.
 *
 * @since 0.1
 */
public enum ComponentKind {
  /** A hardware node; its stream id is its node id. */
  HARDWARE,
  /** A software component; its stream id is {@code "<nodeId>/<name>"}. */
  SOFTWARE;

  /**
   * Returns the kind a stream id's shape implies: software if it contains {@code '/'}.
   *
   * @param streamId a stream id; not null
   * @return the kind
   * @since 0.1
   */
  public static ComponentKind ofStreamId(String streamId) {
    return streamId.indexOf('/') >= 0 ? SOFTWARE : HARDWARE;
  }
}
