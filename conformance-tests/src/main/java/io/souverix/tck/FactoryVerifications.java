package io.souverix.tck;

import io.souverix.lifecycle.projection.CheckpointStore;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Signer;
import java.io.File;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The verification classes {@link TckMain} runs: they take the vendor's factory class from a JUnit
 * configuration parameter, so one run can test any factory without vendor test classes.
 */
final class FactoryVerifications {
  /** The configuration parameter naming the {@link EventStoreFactory} class. */
  static final String STORE_FACTORY = "souverix.tck.storeFactory";

  /** The configuration parameter naming the {@link CheckpointStoreFactory} class. */
  static final String CHECKPOINT_FACTORY = "souverix.tck.checkpointStoreFactory";

  /** The configuration parameter naming the {@link PolicyEngineFactory} class. */
  static final String POLICY_ENGINE_FACTORY = "souverix.tck.policyEngineFactory";

  /** The configuration parameter naming the {@link SignerFactory} class. */
  static final String SIGNER_FACTORY = "souverix.tck.signerFactory";

  /** The configuration parameter naming the {@link TransportFactory} class. */
  static final String TRANSPORT_FACTORY = "souverix.tck.transportFactory";

  /**
   * The loader of the vendor's classes ({@code --classpath}) and that class path, while {@link
   * TckMain} runs; null otherwise. The crash rule's forked JVM gets the class path too.
   */
  private static volatile @Nullable ClassLoader vendorLoader;

  private static volatile @Nullable String vendorClassPath;

  private FactoryVerifications() {}

  static void useVendorClassPath(@Nullable ClassLoader loader, @Nullable String classPath) {
    vendorLoader = loader;
    vendorClassPath = classPath;
  }

  /** The class path for a forked JVM: this JVM's, then the vendor's ({@code --classpath}). */
  static String forkClassPath() {
    String own = System.getProperty("java.class.path");
    String vendor = vendorClassPath;
    return vendor == null || vendor.isEmpty() ? own : own + File.pathSeparator + vendor;
  }

  static <T> T instantiate(String className, Class<T> type) {
    try {
      ClassLoader loader = vendorLoader;
      Class<?> c =
          loader == null ? Class.forName(className) : Class.forName(className, true, loader);
      return c.asSubclass(type).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "factory class; expected a public class with a public no-argument constructor"
                  + " implementing %s, but got '%s' (%s)",
              type.getName(),
              className,
              e),
          e);
    }
  }

  /** Sets the factory on the verification instance before each rule. */
  static final class InjectFactory implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
      for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
        if (instance instanceof EventStores s && s.factory == null) {
          s.factory = instantiate(parameter(context, STORE_FACTORY), EventStoreFactory.class);
        } else if (instance instanceof CheckpointStores c && c.factory == null) {
          c.factory =
              instantiate(parameter(context, CHECKPOINT_FACTORY), CheckpointStoreFactory.class);
        } else if (instance instanceof PolicyEngines p && p.factory == null) {
          p.factory =
              instantiate(parameter(context, POLICY_ENGINE_FACTORY), PolicyEngineFactory.class);
        } else if (instance instanceof Signers g && g.factory == null) {
          g.factory = instantiate(parameter(context, SIGNER_FACTORY), SignerFactory.class);
        } else if (instance instanceof Transports t && t.factory == null) {
          t.factory = instantiate(parameter(context, TRANSPORT_FACTORY), TransportFactory.class);
        }
      }
    }

    private static String parameter(ExtensionContext context, String key) {
      return context
          .getConfigurationParameter(key)
          .orElseThrow(
              () -> new IllegalStateException("configuration parameter " + key + " is not set"));
    }
  }

  /** The event store rules against {@link #STORE_FACTORY}. */
  @ExtendWith(InjectFactory.class)
  static class EventStores extends EventStoreVerification {
    @Nullable EventStoreFactory factory;

    private EventStoreFactory factory() {
      return Objects.requireNonNull(factory, "factory");
    }

    @Override
    protected EventStore createStore(TckEnvironment env) throws Exception {
      return factory().open(env.directory(), env.clock());
    }

    @Override
    protected EventStore reopen(TckEnvironment env) throws Exception {
      return factory().open(env.directory(), env.clock());
    }

    @Override
    protected boolean isDurable() {
      return factory().isDurable();
    }

    @Override
    protected boolean supportsConcurrentAppenders() {
      return factory().supportsConcurrentAppenders();
    }

    @Override
    protected @Nullable Class<? extends EventStoreFactory> crashableStoreFactory() {
      return factory().isDurable() ? factory().getClass() : null;
    }
  }

  /** The checkpoint store rules against {@link #CHECKPOINT_FACTORY}. */
  @ExtendWith(InjectFactory.class)
  static class CheckpointStores extends CheckpointStoreVerification {
    @Nullable CheckpointStoreFactory factory;

    private CheckpointStoreFactory factory() {
      return Objects.requireNonNull(factory, "factory");
    }

    @Override
    protected CheckpointStore createCheckpointStore(TckEnvironment env) throws Exception {
      return factory().open(env.directory());
    }

    @Override
    protected CheckpointStore reopen(TckEnvironment env) throws Exception {
      return factory().open(env.directory());
    }

    @Override
    protected boolean isDurable() {
      return factory().isDurable();
    }
  }

  /** The policy engine rules against {@link #POLICY_ENGINE_FACTORY}. */
  @ExtendWith(InjectFactory.class)
  static class PolicyEngines extends PolicyEngineVerification {
    @Nullable PolicyEngineFactory factory;

    private PolicyEngineFactory factory() {
      return Objects.requireNonNull(factory, "factory");
    }

    @Override
    protected PolicyEngine createEngine(TckEnvironment env) throws Exception {
      return factory().create(env.directory());
    }

    @Override
    protected boolean policiesGiveReasons() {
      return factory().policiesGiveReasons();
    }

    @Override
    protected boolean hasUndefinedResults() {
      return factory().hasUndefinedResults();
    }

    @Override
    protected boolean supportsCompilation() {
      return factory().supportsCompilation();
    }

    @Override
    protected void compileInvalidPolicy(String name) throws Exception {
      factory().compileInvalidPolicy(name);
    }
  }

  /** The signer rules against {@link #SIGNER_FACTORY}. */
  @ExtendWith(InjectFactory.class)
  static class Signers extends SignerVerification {
    @Nullable SignerFactory factory;

    @Override
    protected Signer createSigner(TckEnvironment env) throws Exception {
      return Objects.requireNonNull(factory, "factory").create(env.directory());
    }
  }

  /** The transport rules against {@link #TRANSPORT_FACTORY}. */
  @ExtendWith(InjectFactory.class)
  static class Transports extends TransportVerification {
    @Nullable TransportFactory factory;

    private TransportFactory factory() {
      return Objects.requireNonNull(factory, "factory");
    }

    @Override
    protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys)
        throws Exception {
      return factory().start(env.directory(), keys);
    }

    @Override
    protected boolean supportsLongPoll() {
      return factory().supportsLongPoll();
    }

    @Override
    protected boolean verifiesOnReceive() {
      return factory().verifiesOnReceive();
    }
  }
}
