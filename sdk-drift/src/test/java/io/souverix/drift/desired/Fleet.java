package io.souverix.drift.desired;

import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixtures: Ed25519 keys per sender, a revocable resolver, and a recording transport. */
final class Fleet {
  private Fleet() {}

  static KeyPair keyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Keys trusted per sender; a key can be added to any sender (a compromise) and revoked. */
  static final class Keys implements SenderKeyResolver {
    private final Map<String, Map<String, PublicKey>> trusted = new ConcurrentHashMap<>();

    /** Creates a key for a sender, trusts it and returns its signer. */
    Signer enrol(String sender) {
      KeyPair kp = keyPair();
      Signer s = Signer.inMemory(kp, SigningAlgorithm.ED25519);
      trust(sender, s.keyId(), kp.getPublic());
      return s;
    }

    void trust(String sender, String keyId, PublicKey key) {
      trusted.computeIfAbsent(sender, x -> new ConcurrentHashMap<>()).put(keyId, key);
    }

    void revoke(String sender, String keyId) {
      trusted.getOrDefault(sender, Map.of()).remove(keyId);
    }

    @Override
    public Optional<PublicKey> resolve(String senderId, String keyId) {
      return Optional.ofNullable(trusted.getOrDefault(senderId, Map.of()).get(keyId));
    }
  }

  /**
   * A transport in front of the in-process one that records what was accepted, can be switched down
   * (sends and polls fail as UNAVAILABLE), and can run a hook after each accepted send.
   */
  static final class Wire implements Transport {
    final Transport inner;
    final List<TransportEnvelope> sent = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile Hook afterSend = e -> {};

    interface Hook {
      void run(TransportEnvelope sent) throws Exception;
    }

    Wire(Transport inner) {
      this.inner = inner;
    }

    @Override
    public void send(TransportEnvelope envelope) throws TransportException, InterruptedException {
      if (down) {
        throw TransportException.of(TransportException.Code.UNAVAILABLE, "link down (test)");
      }
      inner.send(envelope);
      sent.add(envelope);
      try {
        afterSend.run(envelope);
      } catch (RuntimeException | TransportException | InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
        throws TransportException, InterruptedException {
      if (down) {
        throw TransportException.of(TransportException.Code.UNAVAILABLE, "link down (test)");
      }
      return inner.poll(channel, from, maxCount, maxWait);
    }

    List<TransportEnvelope> sentOn(String channel) {
      List<TransportEnvelope> out = new ArrayList<>();
      for (TransportEnvelope e : sent) {
        if (e.channel().equals(channel)) {
          out.add(e);
        }
      }
      return out;
    }

    @Override
    public void close() throws TransportException {
      inner.close();
    }
  }
}
