package io.souverix.attestation.x509;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentVerifierProvider;

/**
 * The signature verifiers of a validator's issuer keys, kept between validations: the trust
 * anchors' for the validator's lifetime, other issuers' (intermediates) for the most recent {@value
 * #MAX_RECENT} distinct public keys. Building a verifier converts the key, and Bouncy Castle keeps
 * its elliptic-curve precomputation on the key object, so a reused key verifies faster. This is not
 * a result cache: every signature is verified on every validation. Thread-safe.
 */
final class IssuerKeys {
  /** Distinct non-anchor issuer keys kept at most; the map is emptied when it grows beyond. */
  static final int MAX_RECENT = 256;

  private final Map<ParsedCert, ContentVerifierProvider> anchors = new IdentityHashMap<>();
  private final Map<ByteBuffer, ContentVerifierProvider> recent = new ConcurrentHashMap<>();

  private IssuerKeys(List<ParsedCert> trustAnchors) {
    for (ParsedCert a : trustAnchors) {
      try {
        anchors.put(a, Keys.verifier(a));
      } catch (Problem p) {
        // Reported when the anchor is tried as an issuer.
      }
    }
  }

  static IssuerKeys of(List<ParsedCert> trustAnchors) {
    return new IssuerKeys(trustAnchors);
  }

  /** The verifier of {@code issuer}'s key; throws if the key is unusable. */
  ContentVerifierProvider verifier(ParsedCert issuer) throws Problem {
    ContentVerifierProvider v = anchors.get(issuer);
    if (v != null) {
      return v;
    }
    ByteBuffer key;
    try {
      key = ByteBuffer.wrap(issuer.publicKeyInfo().getEncoded());
    } catch (java.io.IOException | RuntimeException e) {
      return Keys.verifier(issuer); // fails with the reason
    }
    v = recent.get(key);
    if (v == null) {
      v = Keys.verifier(issuer);
      if (recent.size() >= MAX_RECENT) {
        recent.clear();
      }
      recent.put(key, v);
    }
    return v;
  }
}
