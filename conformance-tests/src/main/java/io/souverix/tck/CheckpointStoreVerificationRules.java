package io.souverix.tck;

/**
 * Every rule of the {@link io.souverix.lifecycle.projection.CheckpointStore} conformance kit, one
 * method each; {@link CheckpointStoreVerification} implements it, so that no rule can silently
 * disappear. Ids ({@code CP-x.y}) and statements are listed in {@code docs/conformance.md}.
 *
 * @since 0.1
 */
public interface CheckpointStoreVerificationRules {
  /**
   * CP-1.1 a key that was never saved loads empty.
   *
   * <p>If this fails, check that a missing row or file is not an error.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP101_unknownKeyLoadsEmpty() throws Throwable;

  /**
   * CP-1.2 a saved checkpoint loads back with the same key, position and snapshot.
   *
   * <p>If this fails, check the snapshot codec and the key's columns (projection, partition,
   * partitions).
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP102_savedCheckpointLoadsBack() throws Throwable;

  /**
   * CP-1.3 a later save replaces position and snapshot together.
   *
   * <p>If this fails, check that save writes both in one atomic update.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP103_saveReplacesPositionAndSnapshotTogether() throws Throwable;

  /**
   * CP-1.4 keys that differ in projection, partition or partition count are independent, also for
   * delete.
   *
   * <p>If this fails, check that the storage key includes all three parts of {@code CheckpointKey}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP104_keysAreIndependent() throws Throwable;

  /**
   * CP-1.5 null arguments are rejected with NullPointerException.
   *
   * <p>If this fails, check {@code Objects.requireNonNull} at the entry points.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP105_nullArgumentsAreRejected() throws Throwable;

  /**
   * CP-2.1 saving below the saved position is rejected with IllegalArgumentException and keeps the
   * saved checkpoint.
   *
   * <p>If this fails, check the position comparison inside the same atomic update as the write.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP201_savingBelowTheSavedPositionIsRejected() throws Throwable;

  /**
   * CP-2.2 saving at the saved position is accepted and replaces the snapshot.
   *
   * <p>If this fails, check that the comparison is strict ({@code <}), not {@code <=}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP202_savingAtTheSavedPositionIsAccepted() throws Throwable;

  /**
   * CP-2.3 after delete, the key loads empty and accepts any position again, e.g. 0 for a rebuild.
   *
   * <p>If this fails, check that delete removes the key's position along with its snapshot.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP203_deleteAllowsARestartFromZero() throws Throwable;

  /**
   * CP-3.1 under concurrent saves and loads, every load sees a whole checkpoint (snapshot matching
   * its position) and positions never go back.
   *
   * <p>If this fails, check that save replaces the checkpoint as one value, not field by field.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_CP301_concurrentLoadsSeeWholeCheckpoints() throws Throwable;

  /**
   * CP-4.1 (durable stores) saved checkpoints survive reopening the store.
   *
   * <p>If this fails, check that save commits durably and that {@code reopen} opens the same
   * storage.
   *
   * @throws Throwable when the rule is violated
   */
  void required_CP401_checkpointsSurviveReopen() throws Throwable;
}
