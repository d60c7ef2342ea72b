package io.souverix.attestation.ca;

import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.TrustChainValidator;
import io.souverix.lifecycle.Guard;
import io.souverix.lifecycle.GuardContext;
import io.souverix.lifecycle.GuardResult;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lifecycle guards that decide from the certificate events in a node's stream, to install in place
 * of the default evidence guards of the same ids.
 *
 * <pre>{@code
 * Guards guards = CertificateGuards.install(Guards.defaults(), validator, List.of());
 * Lifecycle lifecycle = Lifecycle.builder().store(store).guards(guards).actor("ops").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class CertificateGuards {
  private CertificateGuards() {}

  /**
   * Returns the guard {@link Guards#TRUST_CHAIN_ESTABLISHED}: the node has a device identity
   * certificate ({@code certificate.issued} with profile {@code device_identity} in its stream)
   * that is valid at the time of the check, not revoked (by {@code certificate.revoked}, {@code
   * decommission.certificates_revoked} or {@code emergency.trust_revoked}), and whose chain
   * validates now with {@code validator}, which re-checks the stored certificate cryptographically.
   *
   * @param validator the validator, with the trust anchors (and CRLs) to check against; its clock
   *     should be the lifecycle's
   * @param intermediates untrusted certificates that complete paths (the issuing CA and those above
   *     it); may be empty when the issuing CA is a trust anchor
   * @return the guard
   */
  public static Guard trustChainEstablished(
      TrustChainValidator validator, List<X509Certificate> intermediates) {
    Objects.requireNonNull(validator, "validator");
    List<X509Certificate> pool = List.copyOf(intermediates);
    return Guard.of(
        Guards.TRUST_CHAIN_ESTABLISHED,
        "A device_identity certificate.issued is recorded for the node, valid now, not revoked,"
            + " and its chain validates with the configured trust chain validator.",
        c -> trustChainEstablished(c, validator, pool));
  }

  /**
   * Returns the guard {@link Guards#CERTIFICATES_REVOKED}: every certificate of the node that has
   * not expired at the time of the check is revoked. The node's certificates are those of its
   * {@code certificate.issued} events and the serials its {@code node.trust_chain_established} and
   * {@code maintenance.certificate_rotated} events name; revocations are {@code
   * certificate.revoked}, {@code decommission.certificates_revoked} and {@code
   * emergency.trust_revoked}. A node that never had a certificate passes.
   *
   * @return the guard
   */
  public static Guard certificatesRevoked() {
    return Guard.of(
        Guards.CERTIFICATES_REVOKED,
        "Every certificate of the node that has not expired (certificate.issued, or a serial named"
            + " by node.trust_chain_established or maintenance.certificate_rotated) is revoked.",
        CertificateGuards::certificatesRevoked);
  }

  /**
   * Returns a copy of a guard registry with both certificate guards installed, replacing the guards
   * of the same ids.
   *
   * @param guards the registry to start from, for example {@link Guards#defaults()}
   * @param validator see {@link #trustChainEstablished}
   * @param intermediates see {@link #trustChainEstablished}
   * @return the new registry
   */
  public static Guards install(
      Guards guards, TrustChainValidator validator, List<X509Certificate> intermediates) {
    Guards.Builder b = guards.toBuilder();
    for (Guard g :
        List.of(trustChainEstablished(validator, intermediates), certificatesRevoked())) {
      if (guards.get(g.id()).isPresent()) {
        b.replace(g);
      } else {
        b.add(g);
      }
    }
    return b.build();
  }

  private static GuardResult trustChainEstablished(
      GuardContext c, TrustChainValidator validator, List<X509Certificate> pool) {
    Set<String> revoked = revokedSerials(c.history());
    Map<String, RecordedEvent> issued = new LinkedHashMap<>();
    for (RecordedEvent e : c.history()) {
      if (e.type().equals(EventType.CERTIFICATE_ISSUED.name())
          && e.payload().text("profile").orElse("").equals("device_identity")) {
        issued.put(Serials.normalize(e.payload().text("serial").orElse("")), e);
      }
    }
    if (issued.isEmpty()) {
      return GuardResult.fail(
          "certificate.issued with profile device_identity; expected one in the stream, but got"
              + " none");
    }
    List<String> problems = new ArrayList<>();
    List<RecordedEvent> newestFirst = new ArrayList<>(issued.values());
    newestFirst.sort(Comparator.comparingLong(RecordedEvent::sequence).reversed());
    for (RecordedEvent e : newestFirst) {
      String serial = Serials.normalize(e.payload().text("serial").orElse(""));
      if (revoked.contains(serial)) {
        problems.add(serial + " revoked");
        continue;
      }
      Instant notBefore = CertificateInventory.instant(e.payload().text("not_before").orElse(null));
      Instant notAfter = CertificateInventory.instant(e.payload().text("not_after").orElse(null));
      if (notBefore == null
          || notAfter == null
          || c.now().isBefore(notBefore)
          || c.now().isAfter(notAfter)) {
        problems.add(serial + " not valid at " + c.now());
        continue;
      }
      X509Certificate cert;
      try {
        cert =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                        new ByteArrayInputStream(
                            Base64.getDecoder()
                                .decode(e.payload().text("certificate").orElse(""))));
      } catch (CertificateException | IllegalArgumentException ex) {
        problems.add(serial + " not parseable");
        continue;
      }
      ChainVerification v = validator.validate(cert, pool);
      if (v.isValid()) {
        return GuardResult.pass();
      }
      problems.add(
          serial
              + " chain invalid ("
              + v.reason().map(Enum::name).orElse("")
              + ": "
              + v.message()
              + ")");
    }
    return GuardResult.fail(
        String.format(
            Locale.ROOT,
            "device identity certificate; expected one valid, unrevoked and validating, but got %s",
            problems));
  }

  private static GuardResult certificatesRevoked(GuardContext c) {
    Map<String, Instant> known = new LinkedHashMap<>();
    for (RecordedEvent e : c.history()) {
      String type = e.type();
      if (type.equals(EventType.CERTIFICATE_ISSUED.name())) {
        put(
            known,
            e.payload().text("serial").orElse(null),
            e.payload().text("not_after").orElse(null));
      } else if (type.equals(EventType.NODE_TRUST_CHAIN_ESTABLISHED.name())) {
        put(
            known,
            e.payload().text("certificate_serial").orElse(null),
            e.payload().text("not_after").orElse(null));
      } else if (type.equals(EventType.MAINTENANCE_CERTIFICATE_ROTATED.name())) {
        put(
            known,
            e.payload().text("new_serial").orElse(null),
            e.payload().text("not_after").orElse(null));
      }
    }
    Set<String> revoked = revokedSerials(c.history());
    List<String> live = new ArrayList<>();
    known.forEach(
        (serial, notAfter) -> {
          if (!revoked.contains(serial) && !c.now().isAfter(notAfter)) {
            live.add(serial);
          }
        });
    if (!live.isEmpty()) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "certificates of '%s'; expected every unexpired one revoked, but %s are not",
              c.componentId(),
              live));
    }
    return GuardResult.pass();
  }

  private static void put(
      Map<String, Instant> known, @Nullable String serial, @Nullable String notAfter) {
    if (serial == null) {
      return;
    }
    Instant end = CertificateInventory.instant(notAfter);
    // An unreadable end of validity never expires: it must be revoked.
    known.put(Serials.normalize(serial), end != null ? end : Instant.MAX);
  }

  private static Set<String> revokedSerials(List<RecordedEvent> history) {
    Set<String> out = new HashSet<>();
    for (RecordedEvent e : history) {
      String type = e.type();
      if (type.equals(EventType.CERTIFICATE_REVOKED.name())) {
        e.payload().text("serial").ifPresent(s -> out.add(Serials.normalize(s)));
      } else if (type.equals(EventType.DECOMMISSION_CERTIFICATES_REVOKED.name())
          || type.equals(EventType.EMERGENCY_TRUST_REVOKED.name())) {
        Object serials = e.payload().toMap().get("serials");
        if (serials instanceof List<?> l) {
          l.forEach(s -> out.add(Serials.normalize(String.valueOf(s))));
        }
      }
    }
    return out;
  }
}
