package io.souverix.attestation.result;

/**
 * Why an attestation ran: the {@code kind} of a {@code node.attestation_completed} event.
 *
 * @since 0.1
 */
public enum AttestationKind {
  /** During provisioning. */
  INITIAL("initial"),
  /** As a periodic check at run time. */
  RUNTIME("runtime"),
  /** After a firmware or software update. */
  POST_UPDATE("post_update");

  private final String jsonName;

  AttestationKind(String jsonName) {
    this.jsonName = jsonName;
  }

  /**
   * Returns the kind's value in the event payload.
   *
   * @return {@code initial}, {@code runtime} or {@code post_update}
   */
  public String jsonName() {
    return jsonName;
  }
}
