package io.souverix.attestation.ca;

import io.souverix.attestation.ca.CertificateAuthorityException.Code;
import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.ExtendedKeyUsage;
import io.souverix.attestation.x509.KeyUsage;
import io.souverix.attestation.x509.ReasonCode;
import io.souverix.attestation.x509.TrustChainValidator;
import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Signer;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * A certificate authority whose private key is held by a {@link Signer}: it issues certificates
 * from PKCS#10 requests under a {@link CertificateProfile}, rotates and revokes them, publishes
 * CRLs, and records every step as a lifecycle event.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.newBuilder()
 *     .signer(signer).certificate(caCertificate).store(store).clock(clock).actor("device-ca")
 *     .build();
 * IssuedCertificate idevid = ca.issue(CertificateRequest.newBuilder(CertificateProfile.DEVICE_IDENTITY)
 *     .csrDer(csr).node("node-000042").build());
 * ca.revoke(idevid.serial(), RevocationReason.KEY_COMPROMISE);
 * PublishedCrl crl = ca.publishCrl();
 * }</pre>
 *
 * <h3>Security guarantees</h3>
 *
 * <ul>
 *   <li>Proof of possession: a request is accepted only if its signature verifies with the public
 *       key it carries (RFC 2986).
 *   <li>Nothing leaves the authority unchecked: every certificate it signs is validated with the
 *       SDK's {@link TrustChainValidator} (RFC 5280 path validation, its key and algorithm policy,
 *       the CA/Browser Forum rules for TLS server certificates) to the trust anchors before it is
 *       recorded or returned. A weak subject key (RSA below 2048 bits, an EC curve other than
 *       P-256/384/521, any other algorithm than RSA, EC or Ed25519) is rejected this way, so the
 *       policy is the validator's, defined once.
 *   <li>Only the subject name and key come from the request; names, key usages and validity come
 *       from the profile and the {@link CertificateRequest}. Serial numbers are 128 random bits.
 *   <li>An operation that fails records nothing; one that succeeds records its events in one atomic
 *       append, checked against the event schemas.
 * </ul>
 *
 * <h3>Events</h3>
 *
 * Issuance writes {@code certificate.issued} to the node's stream (or, for a certificate of no
 * node, to the authority's own stream, {@link #streamId()}); a device identity issued to a hardware
 * node also writes {@code node.trust_chain_established}, or {@code maintenance.certificate_rotated}
 * when it replaces one. Revocation writes {@code certificate.revoked} to the certificate's stream;
 * CRL publication writes {@code certificate.crl_published} to the authority's stream. The authority
 * reads its state back from the store (a {@link CertificateInventory} it catches up before each
 * operation), so several instances over one store agree; a CRL number raced by two instances makes
 * one of them fail with {@link Code#CONCURRENT_MODIFICATION}.
 *
 * <p>Thread-safe: operations are serialised.
 *
 * @since 0.1
 */
public final class CertificateAuthority {
  private static final Provider BC = new BouncyCastleProvider();
  private static final ASN1ObjectIdentifier HARDWARE_MODULE_NAME =
      new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.4");
  private static final int PAGE = 1_000;
  private static final int APPEND_ATTEMPTS = 3;

  private final Signer signer;
  private final X509Certificate caCertificate;
  private final X509CertificateHolder caHolder;
  private final List<X509Certificate> chain;
  private final List<X509Certificate> trustAnchors;
  private final EventStore store;
  private final Clock clock;
  private final EventIds eventIds;
  private final SecureRandom random;
  private final String actor;
  private final String streamId;
  private final Duration crlValidity;
  private final String issuer;
  private final byte[] authorityKeyId;
  private final CertificateInventory inventory = CertificateInventory.create();
  private long position;

  private CertificateAuthority(Builder b) {
    this.signer = Objects.requireNonNull(b.signer, "signer");
    this.caCertificate = Objects.requireNonNull(b.certificate, "certificate");
    this.chain = List.copyOf(b.chain);
    this.store = EventSchemas.builtIn().validating(Objects.requireNonNull(b.store, "store"));
    this.actor = Objects.requireNonNull(b.actor, "actor");
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.random = b.random != null ? b.random : new SecureRandom();
    this.eventIds = EventIds.create(clock, random);
    this.crlValidity = b.crlValidity;
    try {
      this.caHolder = new X509CertificateHolder(caCertificate.getEncoded());
    } catch (IOException | java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("CA certificate; expected a DER certificate", e);
    }
    if (!Arrays.equals(
        caCertificate.getPublicKey().getEncoded(), signer.publicKey().getEncoded())) {
      throw new IllegalArgumentException(
          "signer; expected the key of the CA certificate, but got another key ("
              + signer.keyId()
              + ")");
    }
    BasicConstraints bc = BasicConstraints.fromExtensions(caHolder.getExtensions());
    boolean[] ku = caCertificate.getKeyUsage();
    if (bc == null || !bc.isCA() || (ku != null && (!ku[5] || !ku[6]))) {
      throw new IllegalArgumentException(
          "CA certificate; expected basicConstraints cA=true and keyUsage keyCertSign and cRLSign,"
              + " but got "
              + (bc == null || !bc.isCA() ? "no CA" : "keyUsage without them"));
    }
    this.issuer = caCertificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    this.authorityKeyId = subjectKeyId(caHolder);
    List<X509Certificate> anchors = new ArrayList<>(b.trustAnchors);
    if (anchors.isEmpty()) {
      anchors.add(chain.isEmpty() ? caCertificate : chain.get(chain.size() - 1));
    }
    this.trustAnchors = List.copyOf(anchors);
    this.streamId =
        b.streamId != null
            ? RecordedEvent.checkStreamId(b.streamId)
            : "ca-"
                + Sha256.hex(caHolder.getSubjectPublicKeyInfo().getPublicKeyData().getBytes())
                    .substring(0, 16);
  }

  /**
   * Starts a builder. {@link Builder#signer}, {@link Builder#certificate}, {@link Builder#store}
   * and {@link Builder#actor} are required.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the stream this authority records CRLs and certificates of no node in.
   *
   * @return the stream id
   */
  public String streamId() {
    return streamId;
  }

  /**
   * Returns the authority's distinguished name, as written in its events.
   *
   * @return the RFC 4514 name
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns the CA certificate.
   *
   * @return the certificate whose key the signer holds
   */
  public X509Certificate certificate() {
    return caCertificate;
  }

  // ------------------------------------------------------------------ issuance

  /**
   * Issues a certificate.
   *
   * @param request the request; not null
   * @return the issued, validated and recorded certificate
   * @throws CertificateAuthorityException {@code INVALID_CSR}, {@code PROOF_OF_POSSESSION_FAILED},
   *     {@code WEAK_KEY}, {@code PROFILE_VIOLATION}, {@code UNKNOWN_NODE}, {@code NODE_CLOSED},
   *     {@code CHAIN_INVALID}, {@code SIGNER_FAILURE}, {@code CONCURRENT_MODIFICATION} or {@code
   *     STORE_FAILURE}; nothing is recorded
   */
  public synchronized IssuedCertificate issue(CertificateRequest request)
      throws CertificateAuthorityException {
    Objects.requireNonNull(request, "request");
    PKCS10CertificationRequest csr = parseAndVerify(request);
    Spec spec = specOf(request, csr, null);
    return issue(spec);
  }

  /**
   * Rotates a certificate ahead of its expiry by reissuing it for the same subject, key, names and
   * profile, with a validity as long as the old one's (within the profile's limit). The old
   * certificate stays valid until it expires; revoke it with {@link RevocationReason#SUPERSEDED} to
   * end it early.
   *
   * @param serial the serial of a certificate this authority issued
   * @return the new certificate, which {@code replaces} the old one
   * @throws CertificateAuthorityException {@code UNKNOWN_CERTIFICATE}, {@code ALREADY_REVOKED},
   *     {@code NODE_CLOSED}, {@code WEAK_KEY}, {@code CHAIN_INVALID}, {@code SIGNER_FAILURE},
   *     {@code CONCURRENT_MODIFICATION} or {@code STORE_FAILURE}; nothing is recorded
   */
  public synchronized IssuedCertificate rotate(String serial) throws CertificateAuthorityException {
    CertificateRecord old = requireUnrevoked(serial);
    X509CertificateHolder oldCert = readIssued(old);
    Duration validity = Duration.between(old.notBefore(), old.notAfter());
    Duration max = old.profile().maxValidity();
    if (max != null && validity.compareTo(max) > 0) {
      validity = max;
    }
    Extension san = oldCert.getExtension(Extension.subjectAlternativeName);
    Spec spec =
        new Spec(
            old.profile(),
            oldCert.getSubject(),
            oldCert.getSubjectPublicKeyInfo(),
            san == null ? null : GeneralNames.getInstance(san.getParsedValue()),
            validity,
            old.nodeId(),
            old.region(),
            old);
    return issue(spec);
  }

  /**
   * Rotates a certificate with a new request (typically a new key): issues the request and records
   * that the new certificate replaces the old one.
   *
   * @param serial the serial of a certificate this authority issued
   * @param request the new request, of the same profile and node as the old certificate
   * @return the new certificate
   * @throws CertificateAuthorityException as {@link #issue}, and {@code UNKNOWN_CERTIFICATE},
   *     {@code ALREADY_REVOKED}, or {@code PROFILE_VIOLATION} if the profile or node differ
   */
  public synchronized IssuedCertificate rotate(String serial, CertificateRequest request)
      throws CertificateAuthorityException {
    Objects.requireNonNull(request, "request");
    CertificateRecord old = requireUnrevoked(serial);
    if (old.profile() != request.profile() || !Objects.equals(old.nodeId(), request.nodeId())) {
      throw CertificateAuthorityException.of(
          Code.PROFILE_VIOLATION,
          "rotation of %s; expected a %s request for node %s, but got a %s request for node %s",
          old.serial(),
          old.profile().eventName(),
          old.nodeId(),
          request.profile().eventName(),
          request.nodeId());
    }
    PKCS10CertificationRequest csr = parseAndVerify(request);
    return issue(specOf(request, csr, old));
  }

  /** Everything an issuance needs, from a request or from a certificate being reissued. */
  private record Spec(
      CertificateProfile profile,
      X500Name subject,
      SubjectPublicKeyInfo publicKey,
      @Nullable GeneralNames names,
      Duration validity,
      @Nullable String nodeId,
      @Nullable String region,
      @Nullable CertificateRecord replaces) {}

  private Spec specOf(
      CertificateRequest r, PKCS10CertificationRequest csr, @Nullable CertificateRecord replaces)
      throws CertificateAuthorityException {
    X500Name subject = csr.getSubject();
    List<GeneralName> names = new ArrayList<>();
    for (String d : r.dnsNames()) {
      names.add(new GeneralName(GeneralName.dNSName, d));
    }
    for (String ip : r.ipAddresses()) {
      names.add(new GeneralName(GeneralName.iPAddress, ip));
    }
    for (java.net.URI u : r.uris()) {
      names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u.toString()));
    }
    if (r.hardwareModuleType() != null) {
      ASN1Encodable hmn =
          new DERSequence(
              new ASN1Encodable[] {
                new ASN1ObjectIdentifier(r.hardwareModuleType()),
                new DEROctetString(
                    Objects.requireNonNull(r.hardwareModuleSerial())
                        .getBytes(StandardCharsets.UTF_8))
              });
      names.add(
          new GeneralName(
              GeneralName.otherName,
              new DERSequence(
                  new ASN1Encodable[] {HARDWARE_MODULE_NAME, new DERTaggedObject(true, 0, hmn)})));
    }
    String problem =
        switch (r.profile()) {
          case DEVICE_IDENTITY ->
              subject.getRDNs(BCStyle.SERIALNUMBER).length == 0 && r.hardwareModuleType() == null
                  ? "a subject serialNumber attribute or a hardwareModuleName"
                  : null;
          case WORKLOAD ->
              r.uris().isEmpty() && r.dnsNames().isEmpty() ? "at least one URI or DNS name" : null;
          case CONTROL_PLANE ->
              r.dnsNames().isEmpty() && r.ipAddresses().isEmpty()
                  ? "at least one DNS name or IP address"
                  : null;
        };
    if (problem == null && subject.getRDNs().length == 0 && names.isEmpty()) {
      problem = "a subject name or subject alternative names";
    }
    if (problem != null) {
      throw CertificateAuthorityException.of(
          Code.PROFILE_VIOLATION,
          "%s request; expected %s, but got subject '%s' and %d subject alternative name(s)",
          r.profile().eventName(),
          problem,
          subject,
          names.size());
    }
    return new Spec(
        r.profile(),
        subject,
        csr.getSubjectPublicKeyInfo(),
        names.isEmpty() ? null : new GeneralNames(names.toArray(new GeneralName[0])),
        r.validity() != null ? r.validity() : r.profile().defaultValidity(),
        r.nodeId(),
        r.region(),
        replaces);
  }

  private static PKCS10CertificationRequest parseAndVerify(CertificateRequest r)
      throws CertificateAuthorityException {
    PKCS10CertificationRequest csr;
    try {
      if (r.csrIsPem()) {
        try (PEMParser parser =
            new PEMParser(new StringReader(new String(r.csrBytes(), StandardCharsets.UTF_8)))) {
          Object o = parser.readObject();
          if (!(o instanceof PKCS10CertificationRequest p)) {
            throw CertificateAuthorityException.of(
                Code.INVALID_CSR,
                "PEM request; expected a CERTIFICATE REQUEST block, but got %s",
                o == null ? "none" : o.getClass().getSimpleName());
          }
          csr = p;
        }
      } else {
        csr = new PKCS10CertificationRequest(r.csrBytes());
      }
    } catch (IOException | RuntimeException e) {
      throw new CertificateAuthorityException(
          Code.INVALID_CSR,
          "PKCS#10 request; expected a DER or PEM certification request, but got: "
              + e.getMessage(),
          e);
    }
    ContentVerifierProvider verifier;
    try {
      verifier =
          new JcaContentVerifierProviderBuilder()
              .setProvider(BC)
              .build(csr.getSubjectPublicKeyInfo());
    } catch (Exception e) {
      throw new CertificateAuthorityException(
          Code.WEAK_KEY,
          "request public key; expected an RSA, EC or Ed25519 key, but got "
              + csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId(),
          e);
    }
    boolean valid;
    try {
      valid = csr.isSignatureValid(verifier);
    } catch (Exception e) {
      valid = false;
    }
    if (!valid) {
      throw CertificateAuthorityException.of(
          Code.PROOF_OF_POSSESSION_FAILED,
          "request signature; expected it to verify with the request's own public key (proof of"
              + " possession), but it does not (subject '%s')",
          csr.getSubject());
    }
    return csr;
  }

  private IssuedCertificate issue(Spec spec) throws CertificateAuthorityException {
    catchUp();
    Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(spec.validity());
    Instant caEnd = caCertificate.getNotAfter().toInstant();
    if (notAfter.isAfter(caEnd)) {
      throw CertificateAuthorityException.of(
          Code.PROFILE_VIOLATION,
          "validity; expected to end by the CA certificate's notAfter %s, but got %s",
          caEnd,
          notAfter);
    }
    NodeInfo node = spec.nodeId() != null ? readNode(spec.nodeId()) : null;
    String region = spec.region() != null ? spec.region() : node != null ? node.region : null;

    BigInteger serial = Serials.random(random);
    X509CertificateHolder holder;
    byte[] skid;
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(spec.publicKey());
      skid = ski.getKeyIdentifier();
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              caHolder.getSubject(),
              serial,
              Date.from(notBefore),
              Date.from(notAfter),
              spec.subject(),
              spec.publicKey());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new org.bouncycastle.asn1.x509.KeyUsage(
              org.bouncycastle.asn1.x509.KeyUsage.digitalSignature));
      switch (spec.profile()) {
        case WORKLOAD ->
            b.addExtension(
                Extension.extendedKeyUsage,
                false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                    new KeyPurposeId[] {
                      KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }));
        case CONTROL_PLANE ->
            b.addExtension(
                Extension.extendedKeyUsage,
                false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        case DEVICE_IDENTITY -> {}
      }
      if (spec.names() != null) {
        // RFC 5280 4.2.1.6: critical exactly when the subject name is empty.
        b.addExtension(
            Extension.subjectAlternativeName, spec.subject().getRDNs().length == 0, spec.names());
      }
      b.addExtension(Extension.subjectKeyIdentifier, false, ski);
      b.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
      holder = b.build(new SignerContentSigner(signer));
    } catch (SignerContentSigner.SigningFailed e) {
      throw new CertificateAuthorityException(
          Code.SIGNER_FAILURE, e.getMessage(), e.signerException());
    } catch (IOException | java.security.NoSuchAlgorithmException | RuntimeException e) {
      throw new CertificateAuthorityException(
          Code.CHAIN_INVALID, "certificate could not be built: " + e.getMessage(), e);
    }
    X509Certificate cert = toX509(holder);
    selfCheck(cert, spec.profile(), notBefore);

    String serialText = Serials.text(serial);
    String subjectText = new X500Principal(encoded(spec.subject())).getName(X500Principal.RFC2253);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("serial", serialText);
    fields.put("profile", spec.profile().eventName());
    fields.put("subject", subjectText);
    fields.put("issuer", issuer);
    fields.put("not_before", notBefore.toString());
    fields.put("not_after", notAfter.toString());
    fields.put("subject_key_id", Sha256.hex(skid));
    fields.put("certificate", Base64.getEncoder().encodeToString(encoded(holder)));
    if (spec.nodeId() != null) {
      fields.put("node_id", spec.nodeId());
    }
    if (spec.replaces() != null) {
      fields.put("replaces", spec.replaces().serial());
    }
    List<NewEvent> events = new ArrayList<>();
    events.add(event(EventType.CERTIFICATE_ISSUED, Payload.of(fields), region));
    if (node != null
        && node.kind == ComponentKind.HARDWARE
        && spec.profile() == CertificateProfile.DEVICE_IDENTITY) {
      CertificateRecord replaced = spec.replaces();
      events.add(
          replaced != null && replaced.profile() == CertificateProfile.DEVICE_IDENTITY
              ? event(
                  EventType.MAINTENANCE_CERTIFICATE_ROTATED,
                  Payload.of(
                      "old_serial",
                      replaced.serial(),
                      "new_serial",
                      serialText,
                      "not_after",
                      notAfter.toString()),
                  region)
              : event(
                  EventType.NODE_TRUST_CHAIN_ESTABLISHED,
                  Payload.of(
                      "certificate_serial",
                      serialText,
                      "issuer",
                      issuer,
                      "not_after",
                      notAfter.toString()),
                  region));
    }
    String stream = spec.nodeId() != null ? spec.nodeId() : streamId;
    List<RecordedEvent> recorded = appendToComponent(stream, node, events);
    List<X509Certificate> fullChain = new ArrayList<>();
    fullChain.add(cert);
    fullChain.add(caCertificate);
    fullChain.addAll(chain);
    return new IssuedCertificate(
        cert,
        fullChain,
        new CertificateRecord(
            serialText,
            issuer,
            spec.profile(),
            subjectText,
            stream,
            spec.nodeId(),
            region,
            notBefore,
            notAfter,
            recorded.get(0).sequence(),
            spec.replaces() == null ? null : spec.replaces().serial(),
            null,
            null,
            null));
  }

  /** Validates a freshly signed certificate to the trust anchors; throws if it does not. */
  private void selfCheck(X509Certificate cert, CertificateProfile profile, Instant at)
      throws CertificateAuthorityException {
    TrustChainValidator.Builder v =
        TrustChainValidator.newBuilder()
            .trustAnchors(trustAnchors)
            .validationTime(at)
            .requiredKeyUsages(Set.of(KeyUsage.DIGITAL_SIGNATURE));
    switch (profile) {
      case WORKLOAD ->
          v.requiredExtendedKeyUsages(
              List.of(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH));
      case CONTROL_PLANE -> v.requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH));
      case DEVICE_IDENTITY -> {}
    }
    List<X509Certificate> intermediates = new ArrayList<>();
    intermediates.add(caCertificate);
    intermediates.addAll(chain);
    ChainVerification result = v.build().validate(cert, intermediates);
    if (!result.isValid()) {
      boolean weak =
          result.reason().orElse(null) == ReasonCode.WEAK_ALGORITHM
              && result.checks().stream()
                  .anyMatch(
                      c ->
                          c.outcome() == ChainVerification.Outcome.FAILED
                              && c.name().equals("public-key")
                              && c.subject()
                                  .equals(
                                      cert.getSubjectX500Principal()
                                          .getName(X500Principal.RFC2253)));
      throw CertificateAuthorityException.of(
          weak || result.reason().orElse(null) == ReasonCode.WEAK_ALGORITHM
              ? Code.WEAK_KEY
              : Code.CHAIN_INVALID,
          "issued certificate; expected it to validate to the trust anchors, but got %s: %s",
          result.reason().map(Enum::name).orElse("failure"),
          result.message());
    }
  }

  // ------------------------------------------------------------------ revocation and CRLs

  /**
   * Revokes a certificate. The next {@link #publishCrl()} lists it.
   *
   * @param serial the serial of a certificate this authority issued (any hex spelling)
   * @param reason the RFC 5280 reason; not null
   * @return the revoked certificate's record
   * @throws CertificateAuthorityException {@code UNKNOWN_CERTIFICATE}, {@code ALREADY_REVOKED},
   *     {@code CONCURRENT_MODIFICATION} or {@code STORE_FAILURE}; nothing is recorded
   */
  public synchronized CertificateRecord revoke(String serial, RevocationReason reason)
      throws CertificateAuthorityException {
    Objects.requireNonNull(reason, "reason");
    CertificateRecord r = requireUnrevoked(serial);
    Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    append(r.streamId(), ExpectedVersion.any(), List.of(revocation(r, reason, at)));
    return r.withRevocation(reason, at);
  }

  /**
   * Revokes every unrevoked, unexpired certificate this authority issued to a node, in one append:
   * for decommissioning ({@link RevocationReason#CESSATION_OF_OPERATION}) or a compromised node
   * ({@link RevocationReason#KEY_COMPROMISE}).
   *
   * @param nodeId the node
   * @param reason the RFC 5280 reason; not null
   * @return the revoked certificates' records; empty (and nothing recorded) if there were none
   * @throws CertificateAuthorityException {@code CONCURRENT_MODIFICATION} or {@code STORE_FAILURE};
   *     nothing is recorded
   */
  public synchronized List<CertificateRecord> revokeAll(String nodeId, RevocationReason reason)
      throws CertificateAuthorityException {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(reason, "reason");
    catchUp();
    Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<CertificateRecord> targets =
        inventory.node(nodeId).certificates().stream()
            .filter(c -> c.issuer().equals(issuer) && !c.isRevoked() && !at.isAfter(c.notAfter()))
            .toList();
    if (targets.isEmpty()) {
      return List.of();
    }
    List<NewEvent> events = new ArrayList<>();
    for (CertificateRecord c : targets) {
      events.add(revocation(c, reason, at));
    }
    append(nodeId, ExpectedVersion.any(), events);
    return targets.stream().map(c -> c.withRevocation(reason, at)).toList();
  }

  private NewEvent revocation(CertificateRecord r, RevocationReason reason, Instant at) {
    return event(
        EventType.CERTIFICATE_REVOKED,
        Payload.of(
            "serial",
            r.serial(),
            "issuer",
            issuer,
            "reason",
            reason.rfcName(),
            "revoked_at",
            at.toString()),
        r.region());
  }

  /**
   * Signs and records a complete CRL (X.509 v2, RFC 5280 section 5) of every revoked certificate of
   * this authority that has not expired, with a {@code cRLNumber} one above the last one recorded,
   * {@code thisUpdate} now and {@code nextUpdate} after the configured CRL validity.
   *
   * @return the published CRL
   * @throws CertificateAuthorityException {@code SIGNER_FAILURE}, {@code CONCURRENT_MODIFICATION}
   *     (another instance published meanwhile; retry) or {@code STORE_FAILURE}; nothing is recorded
   */
  public synchronized PublishedCrl publishCrl() throws CertificateAuthorityException {
    long version;
    try {
      version = store.streamVersion(streamId);
    } catch (EventStoreException e) {
      throw storeFailure(e);
    }
    catchUp();
    long number = inventory.lastCrlNumber(issuer) + 1;
    Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant nextUpdate = thisUpdate.plus(crlValidity);
    List<CertificateRecord> revoked =
        inventory.certificates().stream()
            .filter(
                c ->
                    c.issuer().equals(issuer)
                        && c.isRevoked()
                        && !c.notAfter().isBefore(thisUpdate))
            .sorted(Comparator.comparing(CertificateRecord::serial))
            .toList();
    X509CRLHolder holder;
    try {
      X509v2CRLBuilder b = new X509v2CRLBuilder(caHolder.getSubject(), Date.from(thisUpdate));
      b.setNextUpdate(Date.from(nextUpdate));
      for (CertificateRecord c : revoked) {
        RevocationReason reason = Objects.requireNonNull(c.revocationReason());
        Date when = Date.from(Objects.requireNonNull(c.revokedAt()));
        BigInteger serial = new BigInteger(c.serial(), 16);
        if (reason == RevocationReason.UNSPECIFIED) {
          // RFC 5280 5.3.1: the reasonCode extension SHOULD be absent for unspecified.
          b.addCRLEntry(serial, when, (org.bouncycastle.asn1.x509.Extensions) null);
        } else {
          b.addCRLEntry(serial, when, reason.code());
        }
      }
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
      holder = b.build(new SignerContentSigner(signer));
    } catch (SignerContentSigner.SigningFailed e) {
      throw new CertificateAuthorityException(
          Code.SIGNER_FAILURE, e.getMessage(), e.signerException());
    } catch (IOException e) {
      throw new IllegalStateException("CRL extensions are always encodable", e);
    }
    byte[] der = encoded(holder);
    X509CRL crl;
    try {
      crl = new JcaX509CRLConverter().setProvider(BC).getCRL(holder);
    } catch (CRLException e) {
      throw new IllegalStateException("a CRL just built is always convertible", e);
    }
    String digest = "sha256:" + Sha256.hex(Sha256.digest(der));
    append(
        streamId,
        ExpectedVersion.exactly(version),
        List.of(
            event(
                EventType.CERTIFICATE_CRL_PUBLISHED,
                Payload.of(
                    "issuer",
                    issuer,
                    "crl_number",
                    number,
                    "this_update",
                    thisUpdate.toString(),
                    "next_update",
                    nextUpdate.toString(),
                    "entries",
                    revoked.size(),
                    "digest",
                    digest),
                null)));
    return new PublishedCrl(
        crl,
        der,
        number,
        thisUpdate,
        nextUpdate,
        revoked.stream().map(CertificateRecord::serial).toList(),
        digest);
  }

  // ------------------------------------------------------------------ queries

  /**
   * Returns this authority's certificates that are due for rotation at the clock's current time:
   * active and ending within {@code window}.
   *
   * @param window how far ahead of expiry a certificate is due, for example 30 days
   * @return the certificates, soonest expiry first
   * @throws CertificateAuthorityException {@code STORE_FAILURE} if the store cannot be read
   */
  public synchronized List<CertificateRecord> dueForRotation(Duration window)
      throws CertificateAuthorityException {
    catchUp();
    return inventory.dueForRotation(clock.instant(), window).stream()
        .filter(c -> c.issuer().equals(issuer))
        .toList();
  }

  /**
   * Forecasts which of this authority's certificates expire within {@code horizon} of the clock's
   * current time, grouped per region (see {@link CertificateInventory#expiryForecast}).
   *
   * @param horizon how far ahead to look, for example 30 days
   * @return the forecast
   * @throws CertificateAuthorityException {@code STORE_FAILURE} if the store cannot be read
   */
  public synchronized ExpiryForecast expiryForecast(Duration horizon)
      throws CertificateAuthorityException {
    catchUp();
    Instant now = clock.instant();
    ExpiryForecast all = inventory.expiryForecast(now, horizon);
    List<CertificateRecord> mine = new ArrayList<>();
    all.byRegion()
        .values()
        .forEach(l -> l.stream().filter(c -> c.issuer().equals(issuer)).forEach(mine::add));
    return ExpiryForecast.of(all.from(), all.until(), mine);
  }

  /**
   * Returns a node's certificates as recorded in the store.
   *
   * @param nodeId the node
   * @return its certificates (of every issuer)
   * @throws CertificateAuthorityException {@code STORE_FAILURE} if the store cannot be read
   */
  public synchronized NodeCertificates node(String nodeId) throws CertificateAuthorityException {
    catchUp();
    return inventory.node(nodeId);
  }

  /**
   * Returns a certificate this authority issued, as recorded in the store.
   *
   * @param serial the serial number (any hex spelling)
   * @return the record, or empty
   * @throws CertificateAuthorityException {@code STORE_FAILURE} if the store cannot be read
   */
  public synchronized Optional<CertificateRecord> certificate(String serial)
      throws CertificateAuthorityException {
    catchUp();
    return inventory.certificate(issuer, serial);
  }

  // ------------------------------------------------------------------ store

  private void catchUp() throws CertificateAuthorityException {
    try {
      while (true) {
        List<RecordedEvent> page = store.readAll(position + 1, PAGE);
        for (RecordedEvent e : page) {
          inventory.apply(e);
          position = e.position();
        }
        if (page.size() < PAGE) {
          return;
        }
      }
    } catch (EventStoreException e) {
      throw storeFailure(e);
    }
  }

  private CertificateRecord requireUnrevoked(String serial) throws CertificateAuthorityException {
    Objects.requireNonNull(serial, "serial");
    catchUp();
    CertificateRecord r =
        inventory
            .certificate(issuer, serial)
            .orElseThrow(
                () ->
                    CertificateAuthorityException.of(
                        Code.UNKNOWN_CERTIFICATE,
                        "serial; expected a certificate issued by '%s', but got '%s'",
                        issuer,
                        serial));
    if (r.isRevoked()) {
      throw CertificateAuthorityException.of(
          Code.ALREADY_REVOKED,
          "certificate %s; expected not revoked, but it was revoked on %s (%s)",
          r.serial(),
          r.revokedAt(),
          Objects.requireNonNull(r.revocationReason()).rfcName());
    }
    return r;
  }

  private X509CertificateHolder readIssued(CertificateRecord r)
      throws CertificateAuthorityException {
    try {
      List<RecordedEvent> e = store.readStream(r.streamId(), r.issuedSequence(), 1);
      if (e.isEmpty() || !e.get(0).type().equals(EventType.CERTIFICATE_ISSUED.name())) {
        throw CertificateAuthorityException.of(
            Code.STORE_FAILURE,
            "certificate.issued of %s; expected it at %s sequence %d, but got %s",
            r.serial(),
            r.streamId(),
            r.issuedSequence(),
            e.isEmpty() ? "nothing" : e.get(0).type());
      }
      return new X509CertificateHolder(
          Base64.getDecoder().decode(e.get(0).payload().requireText("certificate")));
    } catch (EventStoreException ex) {
      throw storeFailure(ex);
    } catch (IOException | RuntimeException ex) {
      throw new CertificateAuthorityException(
          Code.STORE_FAILURE, "stored certificate of " + r.serial() + " is not readable", ex);
    }
  }

  /** A registered node read from its stream. */
  private record NodeInfo(long version, ComponentKind kind, @Nullable String region) {}

  private NodeInfo readNode(String nodeId) throws CertificateAuthorityException {
    List<RecordedEvent> events = new ArrayList<>();
    try {
      while (true) {
        List<RecordedEvent> page = store.readStream(nodeId, events.size() + 1L, PAGE);
        events.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
      }
    } catch (EventStoreException e) {
      throw storeFailure(e);
    } catch (IllegalArgumentException e) {
      throw CertificateAuthorityException.of(
          Code.UNKNOWN_NODE, "node id; expected a stream id, but got '%s'", nodeId);
    }
    ComponentState state = ComponentState.replay(nodeId, events);
    if (!state.isRegistered()) {
      throw CertificateAuthorityException.of(
          Code.UNKNOWN_NODE,
          "node '%s'; expected a registered component, but its stream has %d event(s) and no"
              + " registration",
          nodeId,
          events.size());
    }
    if (state.isTerminal()) {
      throw CertificateAuthorityException.of(
          Code.NODE_CLOSED,
          "node '%s'; expected a live component, but it is %s",
          nodeId,
          state.state());
    }
    RecordedEvent first = events.get(0);
    String region = first.payload().text("region").orElse(first.region());
    return new NodeInfo(state.version(), state.kind(), region);
  }

  /** Appends to a node stream expecting the version read (re-reading on a race), or to ours. */
  private List<RecordedEvent> appendToComponent(
      String stream, @Nullable NodeInfo node, List<NewEvent> events)
      throws CertificateAuthorityException {
    if (node == null) {
      return append(stream, ExpectedVersion.any(), events);
    }
    NodeInfo current = node;
    for (int attempt = 1; ; attempt++) {
      try {
        return store.append(stream, ExpectedVersion.exactly(current.version()), events).events();
      } catch (EventStoreException e) {
        if (e.code() != EventStoreException.Code.CONCURRENCY_CONFLICT
            || attempt >= APPEND_ATTEMPTS) {
          throw storeFailure(e);
        }
        // A lifecycle command or evidence raced us: re-check that the node is still live.
        current = readNode(stream);
      }
    }
  }

  private List<RecordedEvent> append(String stream, ExpectedVersion expected, List<NewEvent> events)
      throws CertificateAuthorityException {
    try {
      return store.append(stream, expected, events).events();
    } catch (EventStoreException e) {
      throw storeFailure(e);
    }
  }

  private static CertificateAuthorityException storeFailure(EventStoreException e) {
    return new CertificateAuthorityException(
        e.code() == EventStoreException.Code.CONCURRENCY_CONFLICT
            ? Code.CONCURRENT_MODIFICATION
            : Code.STORE_FAILURE,
        "event store: " + e.getMessage(),
        e);
  }

  private NewEvent event(EventType type, Payload payload, @Nullable String region) {
    return NewEvent.builder(type)
        .eventId(eventIds.next())
        .occurredAt(clock.instant())
        .actor(actor)
        .region(region)
        .payload(payload)
        .build();
  }

  // ------------------------------------------------------------------ encoding helpers

  private static byte[] subjectKeyId(X509CertificateHolder ca) {
    SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(ca.getExtensions());
    if (ski != null) {
      return ski.getKeyIdentifier();
    }
    try {
      return new JcaX509ExtensionUtils()
          .createSubjectKeyIdentifier(ca.getSubjectPublicKeyInfo())
          .getKeyIdentifier();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }

  private static X509Certificate toX509(X509CertificateHolder h)
      throws CertificateAuthorityException {
    try {
      return new JcaX509CertificateConverter().setProvider(BC).getCertificate(h);
    } catch (CertificateException e) {
      throw new CertificateAuthorityException(
          Code.CHAIN_INVALID, "issued certificate not convertible: " + e.getMessage(), e);
    }
  }

  private static byte[] encoded(org.bouncycastle.asn1.ASN1Object o) {
    try {
      return o.getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a built structure cannot fail", e);
    }
  }

  private static byte[] encoded(X509CertificateHolder h) {
    try {
      return h.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a built certificate cannot fail", e);
    }
  }

  private static byte[] encoded(X509CRLHolder h) {
    try {
      return h.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a built CRL cannot fail", e);
    }
  }

  // ------------------------------------------------------------------ builder

  /** A builder of {@link CertificateAuthority}; mutable, not thread-safe, each option set once. */
  public static final class Builder {
    private @Nullable Signer signer;
    private @Nullable X509Certificate certificate;
    private final List<X509Certificate> chain = new ArrayList<>();
    private final List<X509Certificate> trustAnchors = new ArrayList<>();
    private @Nullable EventStore store;
    private @Nullable Clock clock;
    private @Nullable SecureRandom random;
    private @Nullable String actor;
    private @Nullable String streamId;
    private Duration crlValidity = Duration.ofDays(7);
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "%s; expected to be set once, but got a second call", option));
      }
    }

    /**
     * Sets the signer that holds the CA's private key. Required.
     *
     * @param signer the signer; its public key must be the CA certificate's
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder signer(Signer signer) {
      once("signer");
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Sets the CA certificate. Required.
     *
     * @param certificate a CA certificate (cA=true; keyCertSign and cRLSign if it has keyUsage)
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder certificate(X509Certificate certificate) {
      once("certificate");
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /**
     * Sets the certificates above the CA certificate, issuer of the CA first, up to the root if
     * wanted. Issued chains include them. Default: none (the CA certificate is a root).
     *
     * @param certificates the chain above the CA
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder chain(List<X509Certificate> certificates) {
      once("chain");
      certificates.forEach(c -> chain.add(Objects.requireNonNull(c, "chain certificate")));
      return this;
    }

    /**
     * Sets the trust anchors every issued certificate must validate to. Default: the last
     * certificate of the chain, or the CA certificate itself.
     *
     * @param anchors one or more trusted certificates
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder trustAnchors(Collection<X509Certificate> anchors) {
      once("trustAnchors");
      anchors.forEach(c -> trustAnchors.add(Objects.requireNonNull(c, "trust anchor")));
      return this;
    }

    /**
     * Sets the event store the authority records in and reads its state from. Required. It is
     * wrapped so that every payload is checked against the built-in event schemas.
     *
     * @param store the store
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder store(EventStore store) {
      once("store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the time source of validity periods, revocation dates and CRL updates. Default: the
     * system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the randomness of serial numbers and event ids. Default: a new {@link SecureRandom}.
     *
     * @param random the source
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder random(SecureRandom random) {
      once("random");
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets the actor written into every event. Required.
     *
     * @param actor for example {@code "device-ca"}
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder actor(String actor) {
      once("actor");
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /**
     * Sets the authority's own stream (CRLs, certificates of no node). Default: {@code "ca-"} and
     * 16 hex digits of the SHA-256 of the CA's public key. Use an id without {@code '/'}.
     *
     * @param streamId the stream id
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder streamId(String streamId) {
      once("streamId");
      this.streamId = Objects.requireNonNull(streamId, "streamId");
      return this;
    }

    /**
     * Sets how long a CRL is current: {@code nextUpdate - thisUpdate}. Default 7 days.
     *
     * @param validity a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if called twice
     */
    public Builder crlValidity(Duration validity) {
      once("crlValidity");
      if (validity.isNegative() || validity.isZero()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "crlValidity; expected > 0, but got %s", validity));
      }
      this.crlValidity = validity;
      return this;
    }

    /**
     * Builds the authority.
     *
     * @return the authority
     * @throws NullPointerException if the signer, certificate, store or actor is missing
     * @throws IllegalArgumentException if the signer's key is not the CA certificate's, or the
     *     certificate is not a CA that may sign certificates and CRLs
     */
    public CertificateAuthority build() {
      return new CertificateAuthority(this);
    }
  }
}
