package io.souverix.lifecycle.spi;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Finds the public key that verifies a sender's envelopes. The host application supplies it (from
 * its certificate inventory, a pinned key list, a KMS), so that a transport trusts exactly the keys
 * the host trusts. A key belongs to one sender: resolving must fail when {@code keyId} is a key of
 * another sender, or a node could sign in another node's name.
 *
 * <p>Implementations are thread-safe and fast: transports call them for every envelope they accept
 * and deliver. A key that stops resolving (revoked) makes envelopes signed with it undeliverable,
 * also those accepted before.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SenderKeyResolver {
  /**
   * Resolves a sender's key.
   *
   * @param senderId the envelope's sender; not null
   * @param keyId the id of the key the envelope says it is signed with; not null
   * @return the key, or empty when the sender has no trusted key of that id
   */
  Optional<PublicKey> resolve(String senderId, String keyId);
}
