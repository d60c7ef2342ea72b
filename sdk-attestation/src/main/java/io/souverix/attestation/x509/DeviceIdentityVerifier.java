package io.souverix.attestation.x509;

import io.souverix.attestation.x509.ChainVerification.Check;
import io.souverix.attestation.x509.ChainVerification.Outcome;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Verifies device identity certificates (IEEE 802.1AR IDevID or LDevID) against the trust anchors
 * of the manufacturing site ("factory") the device claims, and binds the certificate to the
 * device's registered serial number.
 *
 * <p>Each factory has its own anchors; a device is validated only against the anchors of the
 * factory it claims, never against those of another factory. Outcomes beyond those of {@link
 * TrustChainValidator}: {@link ReasonCode#UNTRUSTED_FACTORY} when the factory is not registered or
 * the certificate chains to another registered factory's anchors instead of the claimed one; {@link
 * ReasonCode#NO_PATH} when it chains to no registered factory; {@link ReasonCode#SERIAL_MISMATCH}
 * when neither the subject serialNumber attribute nor a hardwareModuleName (RFC 4108) holds the
 * registered serial number.
 *
 * <pre>{@code
 * DeviceIdentityVerifier v = DeviceIdentityVerifier.newBuilder()
 *     .factory("fab-eu-1", fabEuRoots)
 *     .factory("fab-us-2", fabUsRoots)
 *     .clock(clock)
 *     .validatorOptions(b -> b.crls(crls))
 *     .build();
 * ChainVerification r = v.verify("fab-eu-1", "SN-0042", idevid, intermediates);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe if the validator options callback is.
 *
 * @since 0.1
 */
public final class DeviceIdentityVerifier {
  private final Map<String, List<X509Certificate>> factories;
  private final Clock clock;
  private final Consumer<TrustChainValidator.Builder> options;

  private DeviceIdentityVerifier(Builder b) {
    this.factories = Map.copyOf(b.factories);
    this.clock = b.clock;
    this.options = b.options;
  }

  /**
   * Starts a builder. At least one factory is required.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Validates a device certificate against the anchors of the factory the device claims and checks
   * that it is bound to the device's serial number. Never throws for a bad certificate.
   *
   * @param factoryId the factory the device claims
   * @param serialNumber the device's registered serial number
   * @param leaf the device certificate (IDevID or LDevID)
   * @param intermediates untrusted certificates that may complete the path
   * @return the report
   * @throws IllegalStateException if the validator options callback misconfigures the builder
   */
  public ChainVerification verify(
      String factoryId,
      String serialNumber,
      X509Certificate leaf,
      List<X509Certificate> intermediates) {
    Objects.requireNonNull(factoryId, "factoryId");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(leaf, "leaf");
    List<X509Certificate> anchors = factories.get(factoryId);
    if (anchors == null) {
      String msg =
          String.format(
              Locale.ROOT,
              "factory; expected one of %s, but got '%s'",
              new java.util.TreeSet<>(factories.keySet()),
              factoryId);
      return new ChainVerification(
          ReasonCode.UNTRUSTED_FACTORY,
          msg,
          List.of(leaf),
          List.of(
              new Check("factory", leaf.getSubjectX500Principal().getName(), Outcome.FAILED, msg)),
          clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
    ChainVerification v = validator(anchors, serialNumber, factoryId).validate(leaf, intermediates);
    if (v.reason().orElse(null) != ReasonCode.NO_PATH) {
      return v;
    }
    for (Map.Entry<String, List<X509Certificate>> other : factories.entrySet()) {
      if (other.getKey().equals(factoryId)) {
        continue;
      }
      ChainVerification o =
          validator(other.getValue(), null, other.getKey()).validate(leaf, intermediates);
      if (o.isValid()) {
        String msg =
            String.format(
                Locale.ROOT,
                "factory; expected a certificate of '%s', but got one of '%s'",
                factoryId,
                other.getKey());
        List<Check> checks = new ArrayList<>(v.checks());
        checks.add(
            new Check("factory", leaf.getSubjectX500Principal().getName(), Outcome.FAILED, msg));
        return new ChainVerification(
            ReasonCode.UNTRUSTED_FACTORY, msg, v.path(), checks, v.validationTime());
      }
    }
    return v;
  }

  private TrustChainValidator validator(
      List<X509Certificate> anchors,
      @org.jspecify.annotations.Nullable String serial,
      String factoryId) {
    TrustChainValidator.Builder b = TrustChainValidator.newBuilder().trustAnchors(anchors);
    b.clock(clock);
    options.accept(b);
    if (serial != null) {
      b.expectedDeviceSerialNumber(serial);
    }
    b.deviceFactory(factoryId);
    return b.build();
  }

  /** Configures a {@link DeviceIdentityVerifier}. Mutable and not thread-safe. */
  public static final class Builder {
    private final Map<String, List<X509Certificate>> factories = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Consumer<TrustChainValidator.Builder> options = b -> {};

    private Builder() {}

    /**
     * Registers a factory and its manufacturer trust anchors.
     *
     * @param factoryId the factory's identifier, not empty
     * @param anchors its trust anchors, at least one
     * @return this builder
     * @throws IllegalArgumentException if the id is empty, already registered, or has no anchor
     */
    public Builder factory(String factoryId, Collection<X509Certificate> anchors) {
      if (factoryId.isEmpty() || factories.containsKey(factoryId) || anchors.isEmpty()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "factory; expected a new non-empty id with anchors, but got '%s' with %d anchor(s)",
                factoryId,
                anchors.size()));
      }
      factories.put(factoryId, List.copyOf(anchors));
      return this;
    }

    /**
     * Sets the time source (default: the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets further validator options (revocation sources and policy, key usages, algorithms, ...),
     * applied to each {@link TrustChainValidator.Builder} this verifier creates. The trust anchors,
     * the clock and the expected device serial number are set by the verifier; setting them here is
     * an {@link IllegalStateException} at verification.
     *
     * @param options the callback
     * @return this builder
     */
    public Builder validatorOptions(Consumer<TrustChainValidator.Builder> options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if no factory was registered
     */
    public DeviceIdentityVerifier build() {
      if (factories.isEmpty()) {
        throw new IllegalStateException("factory; expected at least one, but got none");
      }
      return new DeviceIdentityVerifier(this);
    }
  }
}
