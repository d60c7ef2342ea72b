package io.souverix.drift.desired;

/**
 * What a node does with a desired change: install the version, write the configuration object, load
 * the policy. The host implements it. It is called once per change in the master's order, but again
 * for the same change after a crash before the checkpoint was saved, so it must be idempotent
 * (setting a field to a value it already has changes nothing).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ChangeHandler {
  /**
   * Applies a change on the node.
   *
   * @param change the change; not null
   * @throws Exception if the change could not be applied; the node stops its poll there and offers
   *     the change again at the next poll
   */
  void apply(DesiredChange change) throws Exception;
}
