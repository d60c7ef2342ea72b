package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.Payload;
import java.util.Locale;

/**
 * Proof that a payload passed {@link EventSchemas#validate}: only the schemas create it.
 *
 * @since 0.1
 */
public final class ValidatedPayload {
  private final String type;
  private final int schemaVersion;
  private final Payload payload;
  private final boolean schemaChecked;

  ValidatedPayload(String type, int schemaVersion, Payload payload, boolean schemaChecked) {
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.payload = payload;
    this.schemaChecked = schemaChecked;
  }

  /**
   * Returns the event type the payload was validated as.
   *
   * @return the dotted type name
   * @since 0.1
   */
  public String type() {
    return type;
  }

  /**
   * Returns the schema version the payload was validated against.
   *
   * @return the version
   * @since 0.1
   */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * Returns the validated payload.
   *
   * @return the payload
   * @since 0.1
   */
  public Payload payload() {
    return payload;
  }

  /**
   * Returns whether a schema actually checked the payload. It is false only for a vendor type
   * without a registered schema that passed because of {@link
   * EventSchemas#allowingUnregisteredVendorTypes()}.
   *
   * @return true if a schema checked the payload
   * @since 0.1
   */
  public boolean schemaChecked() {
    return schemaChecked;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s v%d (%s)", type, schemaVersion, schemaChecked ? "valid" : "unchecked");
  }
}
