package io.souverix.supplychain.hardware;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Validates a certificate chain to the roots the host trusts for one purpose (factory keys to
 * manufacturer roots, vendor keys to firmware vendor roots). The host supplies it, typically over
 * an RFC 5280 path validator such as sdk-attestation's {@code TrustChainValidator}, so this module
 * does not depend on one:
 *
 * <pre>{@code
 * ChainValidator factories = chain -> {
 *   ChainVerification v = validator.validate(chain.get(0), chain.subList(1, chain.size()));
 *   return v.isValid() ? ChainVerdict.ok()
 *       : ChainVerdict.rejected(v.reason().orElseThrow().name(), v.message());
 * };
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ChainValidator {
  /**
   * Validates a chain.
   *
   * @param chain the certificates, signing certificate first, then untrusted intermediates (and
   *     possibly the root); never empty
   * @return the verdict; never null
   */
  ChainVerdict validate(List<X509Certificate> chain);
}
