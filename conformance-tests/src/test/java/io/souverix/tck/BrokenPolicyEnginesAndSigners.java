package io.souverix.tck;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.PublicKey;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;

/**
 * Deliberately broken policy engines and signers, each breaking one promise, with the verification
 * subclass that runs the kit against it. {@link BrokenAdapterTest} asserts that the kit fails each
 * of them on the rule it breaks.
 */
final class BrokenPolicyEnginesAndSigners {
  private BrokenPolicyEnginesAndSigners() {}

  /** Fails closed the wrong way: every error becomes a deny. */
  @Tag(BrokenStores.BROKEN)
  static final class ErrorsBecomeDenials extends PolicyEngineVerification {
    @Override
    protected PolicyEngine createEngine(TckEnvironment env) {
      return new ReferencePolicyEngine() {
        @Override
        public Decision evaluate(String policy, PolicyInput input) throws PolicyException {
          try {
            return super.evaluate(policy, input);
          } catch (PolicyException e) {
            return Decision.denied(List.of("denied: " + e.getMessage()));
          }
        }
      };
    }

    @Override
    protected boolean hasUndefinedResults() {
      return true;
    }
  }

  /** Shares one mutable "last input" between threads. */
  @Tag(BrokenStores.BROKEN)
  static final class SharesStateBetweenThreads extends PolicyEngineVerification {
    @Override
    protected PolicyEngine createEngine(TckEnvironment env) {
      return new ReferencePolicyEngine() {
        private PolicyInput last;

        @Override
        public Decision evaluate(String policy, PolicyInput input) throws PolicyException {
          last = input;
          Thread.yield();
          return super.evaluate(policy, last);
        }
      };
    }
  }

  /** Signs with one key and publishes another. */
  @Tag(BrokenStores.BROKEN)
  static final class PublishesAnotherKey extends SignerVerification {
    @Override
    protected Signer createSigner(TckEnvironment env) throws Exception {
      Signer real = InMemorySigners.signer(SigningAlgorithm.ES256);
      PublicKey other = InMemorySigners.keyPair(SigningAlgorithm.ES384).getPublic();
      return new Signer() {
        @Override
        public String keyId() {
          return real.keyId();
        }

        @Override
        public SigningAlgorithm algorithm() {
          return SigningAlgorithm.ES384;
        }

        @Override
        public PublicKey publicKey() {
          return other;
        }

        @Override
        public byte[] sign(byte[] message) throws SignerException {
          return real.sign(message);
        }
      };
    }
  }

  /** A fresh key id on every call. */
  @Tag(BrokenStores.BROKEN)
  static final class UnstableKeyId extends SignerVerification {
    @Override
    protected Signer createSigner(TckEnvironment env) throws Exception {
      Signer real = InMemorySigners.signer(SigningAlgorithm.ED25519);
      return new Signer() {
        @Override
        public String keyId() {
          return UUID.randomUUID().toString();
        }

        @Override
        public SigningAlgorithm algorithm() {
          return real.algorithm();
        }

        @Override
        public PublicKey publicKey() {
          return real.publicKey();
        }

        @Override
        public byte[] sign(byte[] message) throws SignerException {
          return real.sign(message);
        }
      };
    }
  }
}
