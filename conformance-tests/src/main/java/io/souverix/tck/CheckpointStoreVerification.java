package io.souverix.tck;

import static io.souverix.tck.EventStoreVerification.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.souverix.lifecycle.projection.Checkpoint;
import io.souverix.lifecycle.projection.CheckpointKey;
import io.souverix.lifecycle.projection.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance rules of the {@link CheckpointStore} SPI (projection checkpoints). A vendor
 * extends this class and implements {@link #createCheckpointStore(TckEnvironment)}; every rule of
 * {@link CheckpointStoreVerificationRules} then runs against the vendor's store.
 *
 * <p>Snapshots are what {@link #snapshotAt(long)} returns (strings by default), so that a durable
 * store's codec can hold them; override it to use the snapshot type the store is built for.
 *
 * @since 0.1
 */
@DisplayName("CheckpointStore conformance")
public abstract class CheckpointStoreVerification implements CheckpointStoreVerificationRules {
  private static final CheckpointKey KEY = CheckpointKey.of("tck-projection");

  private @Nullable TckEnvironment env;
  private @Nullable CheckpointStore store;

  /**
   * Creates a new, empty checkpoint store for one test.
   *
   * @param env the test's environment; keep files in {@link TckEnvironment#directory()}
   * @return the store under test
   * @throws Exception if it cannot be created
   */
  protected abstract CheckpointStore createCheckpointStore(TckEnvironment env) throws Exception;

  /**
   * Opens the store {@link #createCheckpointStore} created in this test again; called only when
   * {@link #isDurable()} is true.
   *
   * @param env the same environment
   * @return the reopened store
   * @throws Exception if it cannot be opened
   */
  protected CheckpointStore reopen(TckEnvironment env) throws Exception {
    throw new UnsupportedOperationException(
        "isDurable() is true, so reopen(TckEnvironment) must be overridden");
  }

  /**
   * Returns whether checkpoints survive reopening; true runs CP-4.1.
   *
   * @return false by default
   */
  protected boolean isDurable() {
    return false;
  }

  /**
   * Returns whether several threads may call the store at once; false skips CP-3.1.
   *
   * @return true by default
   */
  protected boolean supportsConcurrentAccess() {
    return true;
  }

  /**
   * Returns the snapshot the kit saves at a position; equal positions must give equal snapshots.
   *
   * @param position the checkpoint's position
   * @return an immutable snapshot; by default the string {@code "state@<position>"}
   */
  protected Object snapshotAt(long position) {
    return String.format(Locale.ROOT, "state@%d", position);
  }

  @BeforeEach
  final void setUpCheckpointStore() throws Exception {
    env = new TckEnvironment();
    store = createCheckpointStore(env);
  }

  @AfterEach
  final void cleanUpCheckpointStore() {
    if (env != null) {
      env.cleanUp();
    }
  }

  private CheckpointStore store() {
    return Objects.requireNonNull(store, "store");
  }

  private Checkpoint<Object> at(CheckpointKey key, long position) {
    return new Checkpoint<>(key, position, snapshotAt(position));
  }

  /** CP-1.x: saving and loading. */
  @Nested
  @DisplayName("CP-1 Saving and loading")
  class StorageRules {
    @Test
    @Tag("required")
    @DisplayName("CP-1.1 a key that was never saved loads empty")
    void required_CP101_unknownKeyLoadsEmpty() throws Throwable {
      CheckpointStoreVerification.this.required_CP101_unknownKeyLoadsEmpty();
    }

    @Test
    @Tag("required")
    @DisplayName("CP-1.2 a saved checkpoint loads back with its key, position and snapshot")
    void required_CP102_savedCheckpointLoadsBack() throws Throwable {
      CheckpointStoreVerification.this.required_CP102_savedCheckpointLoadsBack();
    }

    @Test
    @Tag("required")
    @DisplayName("CP-1.3 a later save replaces position and snapshot together")
    void required_CP103_saveReplacesPositionAndSnapshotTogether() throws Throwable {
      CheckpointStoreVerification.this.required_CP103_saveReplacesPositionAndSnapshotTogether();
    }

    @Test
    @Tag("required")
    @DisplayName(
        "CP-1.4 keys differing in projection, partition or partition count are independent")
    void required_CP104_keysAreIndependent() throws Throwable {
      CheckpointStoreVerification.this.required_CP104_keysAreIndependent();
    }

    @Test
    @Tag("required")
    @DisplayName("CP-1.5 null arguments are rejected with NullPointerException")
    void required_CP105_nullArgumentsAreRejected() throws Throwable {
      CheckpointStoreVerification.this.required_CP105_nullArgumentsAreRejected();
    }
  }

  /** CP-2.x: positions never move backwards. */
  @Nested
  @DisplayName("CP-2 Ordering")
  class OrderingRules {
    @Test
    @Tag("required")
    @DisplayName("CP-2.1 saving below the saved position is rejected and keeps the checkpoint")
    void required_CP201_savingBelowTheSavedPositionIsRejected() throws Throwable {
      CheckpointStoreVerification.this.required_CP201_savingBelowTheSavedPositionIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("CP-2.2 saving at the saved position is accepted")
    void required_CP202_savingAtTheSavedPositionIsAccepted() throws Throwable {
      CheckpointStoreVerification.this.required_CP202_savingAtTheSavedPositionIsAccepted();
    }

    @Test
    @Tag("required")
    @DisplayName("CP-2.3 after delete a key loads empty and may restart from position 0")
    void required_CP203_deleteAllowsARestartFromZero() throws Throwable {
      CheckpointStoreVerification.this.required_CP203_deleteAllowsARestartFromZero();
    }
  }

  /** CP-3.x: concurrency. */
  @Nested
  @DisplayName("CP-3 Concurrency")
  class ConcurrencyRules {
    @Test
    @Tag("optional")
    @DisplayName("CP-3.1 concurrent loads see whole checkpoints and positions never go back")
    void optional_CP301_concurrentLoadsSeeWholeCheckpoints() throws Throwable {
      CheckpointStoreVerification.this.optional_CP301_concurrentLoadsSeeWholeCheckpoints();
    }
  }

  /** CP-4.x: durability. */
  @Nested
  @DisplayName("CP-4 Durability")
  class DurabilityRules {
    @Test
    @Tag("required")
    @Tag("durable")
    @DisplayName("CP-4.1 saved checkpoints survive reopening (durable stores)")
    void required_CP401_checkpointsSurviveReopen() throws Throwable {
      CheckpointStoreVerification.this.required_CP401_checkpointsSurviveReopen();
    }
  }

  @Override
  public void required_CP101_unknownKeyLoadsEmpty() throws Throwable {
    assertThat(store().load(KEY)).as("load of a key never saved").isEmpty();
    store().delete(KEY);
    assertThat(store().load(KEY)).as("load after deleting a key never saved").isEmpty();
  }

  @Override
  public void required_CP102_savedCheckpointLoadsBack() throws Throwable {
    store().save(at(KEY, 42));
    Optional<Checkpoint<?>> loaded = store().load(KEY);
    assertThat(loaded).as("load after save").isPresent();
    assertThat(loaded.get().key()).as("key").isEqualTo(KEY);
    assertThat(loaded.get().position()).as("position").isEqualTo(42);
    assertThat(loaded.get().snapshot()).as("snapshot").isEqualTo(snapshotAt(42));
  }

  @Override
  public void required_CP103_saveReplacesPositionAndSnapshotTogether() throws Throwable {
    store().save(at(KEY, 10));
    store().save(at(KEY, 25));
    Checkpoint<?> loaded = store().load(KEY).orElseThrow();
    assertThat(loaded.position()).as("position after the second save").isEqualTo(25);
    assertThat(loaded.snapshot()).as("snapshot after the second save").isEqualTo(snapshotAt(25));
  }

  @Override
  public void required_CP104_keysAreIndependent() throws Throwable {
    CheckpointKey other = CheckpointKey.of("tck-other");
    CheckpointKey p0 = new CheckpointKey("tck-projection", 0, 4);
    CheckpointKey p1 = new CheckpointKey("tck-projection", 1, 4);
    store().save(at(KEY, 100));
    store().save(at(other, 5));
    store().save(at(p0, 7));
    store().save(at(p1, 3));
    assertThat(store().load(KEY).orElseThrow().position()).as("position of %s", KEY).isEqualTo(100);
    assertThat(store().load(other).orElseThrow().position())
        .as("position of %s", other)
        .isEqualTo(5);
    assertThat(store().load(p0).orElseThrow().position()).as("position of %s", p0).isEqualTo(7);
    assertThat(store().load(p1).orElseThrow().position()).as("position of %s", p1).isEqualTo(3);
    store().delete(p0);
    assertThat(store().load(p0)).as("%s after deleting it", p0).isEmpty();
    assertThat(store().load(p1)).as("%s after deleting %s", p1, p0).isPresent();
    assertThat(store().load(KEY)).as("%s after deleting %s", KEY, p0).isPresent();
  }

  @Override
  public void required_CP105_nullArgumentsAreRejected() throws Throwable {
    assertRejects(() -> store().load(null), NullPointerException.class, "load(null)");
    assertRejects(() -> store().save(null), NullPointerException.class, "save(null)");
    assertRejects(() -> store().delete(null), NullPointerException.class, "delete(null)");
  }

  @Override
  public void required_CP201_savingBelowTheSavedPositionIsRejected() throws Throwable {
    store().save(at(KEY, 50));
    assertRejects(
        () -> store().save(at(KEY, 49)),
        IllegalArgumentException.class,
        "save at position 49 after 50; a checkpoint must never move backwards");
    assertRejects(
        () -> store().save(at(KEY, 0)),
        IllegalArgumentException.class,
        "save at position 0 after 50; a checkpoint must never move backwards");
    Checkpoint<?> kept = store().load(KEY).orElseThrow();
    assertThat(kept.position()).as("position kept after the rejected saves").isEqualTo(50);
    assertThat(kept.snapshot())
        .as("snapshot kept after the rejected saves")
        .isEqualTo(snapshotAt(50));
  }

  @Override
  public void required_CP202_savingAtTheSavedPositionIsAccepted() throws Throwable {
    store().save(at(KEY, 50));
    store().save(at(KEY, 50));
    assertThat(store().load(KEY).orElseThrow().position()).isEqualTo(50);
  }

  @Override
  public void required_CP203_deleteAllowsARestartFromZero() throws Throwable {
    store().save(at(KEY, 50));
    store().delete(KEY);
    assertThat(store().load(KEY)).as("load after delete").isEmpty();
    store().save(at(KEY, 0));
    assertThat(store().load(KEY).orElseThrow().position()).as("position after restarting").isZero();
    store().save(at(KEY, 3));
    assertThat(store().load(KEY).orElseThrow().snapshot()).isEqualTo(snapshotAt(3));
  }

  @Override
  public void optional_CP301_concurrentLoadsSeeWholeCheckpoints() throws Throwable {
    assumeTrue(
        supportsConcurrentAccess(),
        "the store does not support concurrent access (supportsConcurrentAccess() is false)");
    CheckpointStore store = store();
    TckEnvironment env = Objects.requireNonNull(this.env, "env");
    int saves = 2_000;
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  long last = -1;
                  int loads = 0;
                  while (!done.get() || loads == 0) {
                    Optional<Checkpoint<?>> c = store.load(KEY);
                    loads++;
                    if (c.isEmpty()) {
                      assertThat(last).as("a saved checkpoint disappeared").isEqualTo(-1);
                      continue;
                    }
                    long p = c.get().position();
                    assertThat(c.get().snapshot())
                        .as("snapshot loaded with position %d", p)
                        .isEqualTo(snapshotAt(p));
                    assertThat(p).as("position seen after %d", last).isGreaterThanOrEqualTo(last);
                    last = p;
                  }
                  return loads;
                }));
      }
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  for (long p = 1; p <= saves; p++) {
                    store.save(at(KEY, p));
                  }
                } finally {
                  done.set(true);
                }
                return null;
              });
      writer.get(env.timeout().toMillis(), TimeUnit.MILLISECONDS);
      for (Future<Integer> r : readers) {
        assertThat(r.get(env.timeout().toMillis(), TimeUnit.MILLISECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.load(KEY).orElseThrow().position()).as("final position").isEqualTo(saves);
  }

  @Override
  public void required_CP401_checkpointsSurviveReopen() throws Throwable {
    assumeTrue(isDurable(), "not a durable store (isDurable() is false)");
    CheckpointKey p1 = new CheckpointKey("tck-projection", 1, 4);
    store().save(at(KEY, 77));
    store().save(at(p1, 12));
    store = reopen(Objects.requireNonNull(env, "env"));
    assertThat(store().load(KEY).orElseThrow().snapshot())
        .as("snapshot after reopening")
        .isEqualTo(snapshotAt(77));
    assertThat(store().load(p1).orElseThrow().position())
        .as("position after reopening")
        .isEqualTo(12);
    assertRejects(
        () -> store().save(at(KEY, 76)),
        IllegalArgumentException.class,
        "save below the position saved before reopening");
  }
}
