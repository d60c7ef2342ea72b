package io.souverix.drift.autonomy;

import io.souverix.drift.federation.FieldKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One field where a node's reported state differs from its expected state.
 *
 * @param field the field
 * @param expected the expected value, or null if the field is not expected
 * @param reported the reported value, or null if the node did not report it
 * @since 0.1
 */
public record StateDifference(
    FieldKey field, @Nullable String expected, @Nullable String reported) {
  /** Checks the fields. */
  public StateDifference {
    Objects.requireNonNull(field, "field");
  }
}
