package io.souverix.attestation.ca;

import com.google.common.net.InetAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request to issue a certificate: a PKCS#10 certification request (the subject name and public
 * key, signed with the private key as proof of possession), the profile, the node it belongs to,
 * and the subject alternative names the certificate authority asserts.
 *
 * <p>The authority takes the subject name and key from the PKCS#10 request and nothing else:
 * extensions the requester asked for inside it are ignored; the names come from this request, which
 * the registering service builds after its own checks.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class CertificateRequest {
  /** The largest PKCS#10 request accepted, in bytes of DER or PEM text. */
  public static final int MAX_CSR_BYTES = 64 * 1024;

  private static final Pattern DNS =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  private final CertificateProfile profile;
  private final byte[] csr;
  private final boolean pem;
  private final @Nullable String nodeId;
  private final @Nullable String region;
  private final @Nullable Duration validity;
  private final List<String> dnsNames;
  private final List<String> ipAddresses;
  private final List<URI> uris;
  private final @Nullable String hardwareModuleType;
  private final @Nullable String hardwareModuleSerial;

  private CertificateRequest(Builder b) {
    this.profile = b.profile;
    this.csr = Objects.requireNonNull(b.csr);
    this.pem = b.pem;
    this.nodeId = b.nodeId;
    this.region = b.region;
    this.validity = b.validity;
    this.dnsNames = List.copyOf(b.dnsNames);
    this.ipAddresses = List.copyOf(b.ipAddresses);
    this.uris = List.copyOf(b.uris);
    this.hardwareModuleType = b.hardwareModuleType;
    this.hardwareModuleSerial = b.hardwareModuleSerial;
  }

  /**
   * Starts a request of a profile. A PKCS#10 request ({@link Builder#csrDer} or {@link
   * Builder#csrPem}) is required.
   *
   * @param profile the profile; not null
   * @return a new builder
   */
  public static Builder newBuilder(CertificateProfile profile) {
    return new Builder(Objects.requireNonNull(profile, "profile"));
  }

  /**
   * @return the profile
   */
  public CertificateProfile profile() {
    return profile;
  }

  /**
   * @return the node (stream id) the certificate belongs to, or null for none
   */
  public @Nullable String nodeId() {
    return nodeId;
  }

  /**
   * @return the region given with the request, or null to use the node's region
   */
  public @Nullable String region() {
    return region;
  }

  /**
   * @return the validity asked for, or null for the profile's default
   */
  public @Nullable Duration validity() {
    return validity;
  }

  /**
   * @return the DNS names for subjectAltName, lower case; unmodifiable
   */
  public List<String> dnsNames() {
    return dnsNames;
  }

  /**
   * @return the IP address literals for subjectAltName; unmodifiable
   */
  public List<String> ipAddresses() {
    return ipAddresses;
  }

  /**
   * @return the URIs for subjectAltName; unmodifiable
   */
  public List<URI> uris() {
    return uris;
  }

  /**
   * @return the hardware module type OID of the hardwareModuleName, or null for none
   */
  public @Nullable String hardwareModuleType() {
    return hardwareModuleType;
  }

  /**
   * @return the hardware module serial number of the hardwareModuleName, or null for none
   */
  public @Nullable String hardwareModuleSerial() {
    return hardwareModuleSerial;
  }

  /** The PKCS#10 request as given: DER, or PEM text as UTF-8. */
  byte[] csrBytes() {
    return csr.clone();
  }

  boolean csrIsPem() {
    return pem;
  }

  boolean hasSubjectAltNames() {
    return !dnsNames.isEmpty()
        || !ipAddresses.isEmpty()
        || !uris.isEmpty()
        || hardwareModuleType != null;
  }

  @Override
  public String toString() {
    return "CertificateRequest[" + profile + (nodeId != null ? ", node " + nodeId : "") + "]";
  }

  /** A builder of {@link CertificateRequest}; mutable, not thread-safe, each option set once. */
  public static final class Builder {
    private final CertificateProfile profile;
    private byte @Nullable [] csr;
    private boolean pem;
    private @Nullable String nodeId;
    private @Nullable String region;
    private @Nullable Duration validity;
    private final Set<String> dnsNames = new LinkedHashSet<>();
    private final Set<String> ipAddresses = new LinkedHashSet<>();
    private final Set<URI> uris = new LinkedHashSet<>();
    private @Nullable String hardwareModuleType;
    private @Nullable String hardwareModuleSerial;
    private final Set<String> set = new LinkedHashSet<>();

    private Builder(CertificateProfile profile) {
      this.profile = profile;
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "%s; expected to be set once, but got a second call", option));
      }
    }

    /**
     * Sets the PKCS#10 request in DER; cannot be combined with {@link #csrPem}.
     *
     * @param der the DER bytes (copied); at most {@link #MAX_CSR_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if empty or too large
     * @throws IllegalStateException if a request was already set
     */
    public Builder csrDer(byte[] der) {
      once("csr");
      this.csr = checkSize(der.clone());
      return this;
    }

    /**
     * Sets the PKCS#10 request as PEM text ({@code -----BEGIN CERTIFICATE REQUEST-----}); cannot be
     * combined with {@link #csrDer}.
     *
     * @param pemText the PEM text; at most {@link #MAX_CSR_BYTES} bytes in UTF-8
     * @return this builder
     * @throws IllegalArgumentException if empty or too large
     * @throws IllegalStateException if a request was already set
     */
    public Builder csrPem(String pemText) {
      once("csr");
      this.csr = checkSize(pemText.getBytes(StandardCharsets.UTF_8));
      this.pem = true;
      return this;
    }

    private static byte[] checkSize(byte[] bytes) {
      if (bytes.length == 0 || bytes.length > MAX_CSR_BYTES) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "PKCS#10 request size; expected 1 to %d bytes, but got %d",
                MAX_CSR_BYTES,
                bytes.length));
      }
      return bytes;
    }

    /**
     * Makes the certificate a node's: its events go to the node's stream, and the node must be a
     * registered component that is not closed.
     *
     * @param nodeId the node's stream id
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder node(String nodeId) {
      once("node");
      this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
      return this;
    }

    /**
     * Sets the region the certificate is forecast under; by default the node's region.
     *
     * @param region the region; not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if called twice
     */
    public Builder region(String region) {
      once("region");
      if (region.isEmpty()) {
        throw new IllegalArgumentException("region; expected a name, but got ''");
      }
      this.region = region;
      return this;
    }

    /**
     * Sets the validity; by default the profile's {@link CertificateProfile#defaultValidity()}.
     *
     * @param validity a positive duration of at least one second, within the profile's maximum
     * @return this builder
     * @throws IllegalArgumentException if shorter than a second or over the profile's maximum
     * @throws IllegalStateException if called twice
     */
    public Builder validity(Duration validity) {
      once("validity");
      Duration max = profile.maxValidity();
      if (validity.compareTo(Duration.ofSeconds(1)) < 0
          || (max != null && validity.compareTo(max) > 0)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "validity of a %s certificate; expected 1 second to %s, but got %s",
                profile.eventName(),
                max == null ? "the CA's end of validity" : max,
                validity));
      }
      this.validity = validity;
      return this;
    }

    /**
     * Adds DNS names to subjectAltName.
     *
     * @param names host names (no wildcards), matched case-insensitively and stored in lower case
     * @return this builder
     * @throws IllegalArgumentException if a name is not a host name
     */
    public Builder dnsNames(String... names) {
      for (String n : names) {
        String lower = n.toLowerCase(Locale.ROOT);
        if (!DNS.matcher(lower).matches()) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "DNS name; expected a host name, but got '%s'", n));
        }
        dnsNames.add(lower);
      }
      return this;
    }

    /**
     * Adds IP addresses to subjectAltName.
     *
     * @param addresses IPv4 or IPv6 literals
     * @return this builder
     * @throws IllegalArgumentException if a value is not an IP literal
     */
    public Builder ipAddresses(String... addresses) {
      for (String a : addresses) {
        if (!InetAddresses.isInetAddress(a)) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "IP address; expected a literal, but got '%s'", a));
        }
        ipAddresses.add(InetAddresses.toAddrString(InetAddresses.forString(a)));
      }
      return this;
    }

    /**
     * Adds URIs (for example SPIFFE ids) to subjectAltName.
     *
     * @param values absolute URIs
     * @return this builder
     * @throws IllegalArgumentException if a value is not an absolute URI
     */
    public Builder uris(String... values) {
      for (String v : values) {
        try {
          URI u = new URI(v);
          if (!u.isAbsolute()) {
            throw new URISyntaxException(v, "not absolute");
          }
          uris.add(u);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "URI; expected an absolute URI, but got '%s'", v), e);
        }
      }
      return this;
    }

    /**
     * Names the hardware module (RFC 4108 {@code hardwareModuleName}, as IEEE 802.1AR uses it).
     *
     * @param typeOid the hardware type, an object identifier such as {@code "1.3.6.1.4.1.55738.1"}
     * @param serialNumber the module's serial number, encoded as UTF-8 in {@code hwSerialNum}
     * @return this builder
     * @throws IllegalArgumentException if the OID is malformed or the serial number is empty
     * @throws IllegalStateException if called twice
     */
    public Builder hardwareModuleName(String typeOid, String serialNumber) {
      once("hardwareModuleName");
      if (!OID.matcher(typeOid).matches() || serialNumber.isEmpty()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "hardwareModuleName; expected an OID and a serial number, but got '%s' and '%s'",
                typeOid,
                serialNumber));
      }
      this.hardwareModuleType = typeOid;
      this.hardwareModuleSerial = serialNumber;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalStateException if no PKCS#10 request was set
     */
    public CertificateRequest build() {
      if (csr == null) {
        throw new IllegalStateException("csr; expected a PKCS#10 request, but got none");
      }
      return new CertificateRequest(this);
    }
  }
}
