package io.souverix.transport.http;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS 1.3 contexts of mutual TLS: this side's key and certificate chain, and the trust
 * anchors the peer's chain must lead to (PKIX path validation by the JDK).
 *
 * @since 0.1
 */
public final class MutualTls {
  private MutualTls() {}

  /**
   * Creates a TLS 1.3 context that presents {@code chain} and trusts peers whose chains lead to one
   * of {@code trustAnchors}.
   *
   * @param key the private key of {@code chain.get(0)}; not null
   * @param chain this side's certificate first, then its issuers (the anchor may be left out)
   * @param trustAnchors the certificates a peer's chain must lead to; at least one
   * @return the context
   * @throws GeneralSecurityException if the key, chain or anchors cannot be loaded
   * @throws IllegalArgumentException if the chain or the anchors are empty
   */
  public static SSLContext context(
      PrivateKey key, List<X509Certificate> chain, Collection<X509Certificate> trustAnchors)
      throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain; expected at least this side's certificate");
    }
    char[] password = new char[0];
    KeyStore keys = emptyStore();
    keys.setKeyEntry("self", key, password, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(kmf.getKeyManagers(), trustManagers(trustAnchors), new SecureRandom());
    return ctx;
  }

  /**
   * Creates a TLS 1.3 context that presents no certificate and trusts peers whose chains lead to
   * one of {@code trustAnchors}: a server that requires client certificates refuses it.
   *
   * @param trustAnchors the certificates a peer's chain must lead to; at least one
   * @return the context
   * @throws GeneralSecurityException if the anchors cannot be loaded
   */
  public static SSLContext trustOnly(Collection<X509Certificate> trustAnchors)
      throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(null, trustManagers(trustAnchors), new SecureRandom());
    return ctx;
  }

  private static javax.net.ssl.TrustManager[] trustManagers(
      Collection<X509Certificate> trustAnchors) throws GeneralSecurityException {
    if (trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("trust anchors; expected at least one certificate");
    }
    KeyStore anchors = emptyStore();
    int i = 0;
    for (X509Certificate c : trustAnchors) {
      anchors.setCertificateEntry("anchor-" + i++, Objects.requireNonNull(c, "trust anchor"));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(anchors);
    return tmf.getTrustManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an in-memory key store", e);
    }
    return ks;
  }
}
