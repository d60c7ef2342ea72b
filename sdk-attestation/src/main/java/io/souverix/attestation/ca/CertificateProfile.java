package io.souverix.attestation.ca;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a certificate is for, which fixes its extensions and validity. Every profile issues an end
 * entity ({@code basicConstraints cA=false}, critical) with a critical {@code keyUsage} of {@code
 * digitalSignature} only, a {@code subjectKeyIdentifier} and an {@code authorityKeyIdentifier}.
 *
 * @since 0.1
 */
public enum CertificateProfile {
  /**
   * A device identity in the sense of IEEE 802.1AR (an IDevID or LDevID): the subject carries a
   * {@code serialNumber} attribute, or the request names a hardware module ({@code subjectAltName
   * otherName hardwareModuleName}, RFC 4108), or both. No extended key usage. Default validity 365
   * days, at most the CA's.
   */
  DEVICE_IDENTITY("device_identity", Duration.ofDays(365), null),
  /**
   * A workload certificate for mutual TLS between services: at least one URI (for example a SPIFFE
   * id) or DNS name in {@code subjectAltName}; extended key usage {@code serverAuth} and {@code
   * clientAuth}. Short-lived: default 24 hours, at most 7 days.
   */
  WORKLOAD("workload", Duration.ofHours(24), Duration.ofDays(7)),
  /**
   * A TLS server certificate of the control plane: at least one DNS name or IP address in {@code
   * subjectAltName}; extended key usage {@code serverAuth}. Default 90 days, at most 398 days (the
   * CA/Browser Forum limit).
   */
  CONTROL_PLANE("control_plane", Duration.ofDays(90), Duration.ofDays(398));

  private final String eventName;
  private final Duration defaultValidity;
  private final @Nullable Duration maxValidity;

  CertificateProfile(String eventName, Duration defaultValidity, @Nullable Duration maxValidity) {
    this.eventName = eventName;
    this.defaultValidity = defaultValidity;
    this.maxValidity = maxValidity;
  }

  /**
   * Returns the profile's name in {@code certificate.issued} events.
   *
   * @return for example {@code "device_identity"}
   */
  public String eventName() {
    return eventName;
  }

  /**
   * Returns the validity of a certificate whose request sets none.
   *
   * @return a positive duration
   */
  public Duration defaultValidity() {
    return defaultValidity;
  }

  /**
   * Returns the longest validity a request may ask for, if the profile limits it (every certificate
   * also ends at the latest with its CA certificate).
   *
   * @return the limit, or null for none
   */
  public @Nullable Duration maxValidity() {
    return maxValidity;
  }

  /**
   * Looks a profile up by its event name.
   *
   * @param eventName for example {@code "workload"}; not null
   * @return the profile
   * @throws IllegalArgumentException if no profile has this name
   */
  public static CertificateProfile fromEventName(String eventName) {
    Objects.requireNonNull(eventName, "eventName");
    for (CertificateProfile p : values()) {
      if (p.eventName.equals(eventName)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "certificate profile; expected device_identity, workload or control_plane, but got"
                + " '%s'",
            eventName));
  }
}
