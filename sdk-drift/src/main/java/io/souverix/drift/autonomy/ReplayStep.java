package io.souverix.drift.autonomy;

import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridTimestamp;
import java.util.Objects;

/**
 * One change a returning node applies: the field's value after the missed update stamped {@code
 * stamp} was merged by the authority rules.
 *
 * @param field the field
 * @param value its value from now on
 * @param stamp the timestamp of the missed update that changed it
 * @since 0.1
 */
public record ReplayStep(FieldKey field, String value, HybridTimestamp stamp) {
  /** Checks the fields. */
  public ReplayStep {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(stamp, "stamp");
  }
}
