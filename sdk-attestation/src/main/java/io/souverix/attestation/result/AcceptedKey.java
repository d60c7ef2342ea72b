package io.souverix.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A public key a verifier accepts, with the JWK constraints that came with it and a Nimbus verifier
 * bound to the chosen JCA provider.
 *
 * @param kid the key id
 * @param key the public key
 * @param jwkAlg the JWK's {@code alg}, or null if it named none
 * @param forSignatures false when the JWK's {@code use} or {@code key_ops} exclude verification
 * @param verifier a verifier for this key, thread-safe
 */
record AcceptedKey(
    String kid,
    PublicKey key,
    @Nullable String jwkAlg,
    boolean forSignatures,
    JWSVerifier verifier) {

  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes. */
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  static AcceptedKey of(String kid, PublicKey key, Provider provider) {
    return new AcceptedKey(kid, key, null, true, verifierFor(key, provider));
  }

  /** Parses a JWK Set of public signature keys; every key needs a distinct {@code kid}. */
  static Map<String, AcceptedKey> parseJwkSet(String json, Provider provider) {
    JWKSet set;
    try {
      set = JWKSet.parse(json);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "JWK Set; expected RFC 7517 JSON, but got " + e.getMessage(), e);
    }
    Map<String, AcceptedKey> keys = new LinkedHashMap<>();
    for (JWK jwk : set.getKeys()) {
      String kid = jwk.getKeyID();
      if (kid == null || kid.isEmpty()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "JWK kid; expected every key to have one, but got a %s key without",
                jwk.getKeyType()));
      }
      PublicKey key = publicKey(jwk);
      boolean forSignatures =
          (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))
              && (jwk.getKeyOperations() == null
                  || jwk.getKeyOperations().contains(KeyOperation.VERIFY));
      AcceptedKey k =
          new AcceptedKey(
              kid,
              key,
              jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName(),
              forSignatures,
              verifierFor(key, provider));
      if (keys.putIfAbsent(kid, k) != null) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "JWK kid; expected distinct ids, but got '%s' twice", kid));
      }
    }
    return keys;
  }

  private static PublicKey publicKey(JWK jwk) {
    try {
      if (jwk instanceof ECKey ec) {
        if (!Curve.P_256.equals(ec.getCurve()) && !Curve.P_384.equals(ec.getCurve())) {
          throw unsupported(jwk, "EC curve " + ec.getCurve());
        }
        return ec.toECPublicKey();
      }
      if (jwk instanceof RSAKey rsa) {
        return rsa.toRSAPublicKey();
      }
      if (jwk instanceof OctetKeyPair okp) {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
          throw unsupported(jwk, "OKP curve " + okp.getCurve());
        }
        byte[] x = okp.getDecodedX();
        if (x.length != 32) {
          throw unsupported(jwk, "Ed25519 key of " + x.length + " bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      }
    } catch (JOSEException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "JWK '%s'; expected a valid public key, but got %s",
              jwk.getKeyID(),
              e.getMessage()),
          e);
    }
    // Symmetric (oct) keys are never accepted: an HMAC "verification" key is a signing key.
    throw unsupported(jwk, jwk.getKeyType() + " key");
  }

  private static IllegalArgumentException unsupported(JWK jwk, String what) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "JWK '%s'; expected an EC P-256/P-384, RSA or Ed25519 public key, but got %s",
            jwk.getKeyID(),
            what));
  }

  static JWSVerifier verifierFor(PublicKey foreignKey, Provider provider) {
    PublicKey key = nativeKey(foreignKey, provider);
    JWSVerifier v;
    try {
      if (key instanceof ECPublicKey ec) {
        v = new ECDSAVerifier(ec);
      } else if (key instanceof RSAPublicKey rsa) {
        v = new RSASSAVerifier(rsa);
      } else if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
        v = new EdDsaJwsVerifier(key);
      } else {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "public key; expected EC, RSA or Ed25519, but got %s",
                key.getAlgorithm()));
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException(
          "public key; expected a supported one: " + e.getMessage(), e);
    }
    v.getJCAContext().setProvider(provider);
    return v;
  }

  /**
   * The key as the provider's own key class. A provider converts a foreign key (say, a SunEC key
   * given to Bouncy Castle) on every initVerify, which costs more than the verification itself;
   * converting once here keeps that out of every token check.
   */
  private static PublicKey nativeKey(PublicKey key, Provider provider) {
    String family =
        key instanceof ECPublicKey
            ? "EC"
            : key instanceof RSAPublicKey ? "RSA" : key.getAlgorithm();
    try {
      PublicKey converted =
          KeyFactory.getInstance(family, provider)
              .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
      return sameKind(key, converted) ? converted : key;
    } catch (GeneralSecurityException | RuntimeException e) {
      // The provider cannot represent the key: it is used as given.
      return key;
    }
  }

  private static boolean sameKind(PublicKey a, PublicKey b) {
    return (a instanceof ECPublicKey && b instanceof ECPublicKey)
        || (a instanceof RSAPublicKey && b instanceof RSAPublicKey)
        || (!(a instanceof ECPublicKey)
            && !(a instanceof RSAPublicKey)
            && !(b instanceof ECPublicKey)
            && !(b instanceof RSAPublicKey));
  }
}
