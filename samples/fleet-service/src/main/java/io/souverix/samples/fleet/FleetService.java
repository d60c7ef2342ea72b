package io.souverix.samples.fleet;

import io.souverix.kafka.KafkaTransport;
import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import io.souverix.store.postgres.PostgresEventStore;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A small host application that wires the SDK from configuration alone ({@link Properties}, no
 * framework): the event store ({@code souverix.store=sqlite|postgres}) and the transport ({@code
 * souverix.transport=in-process|kafka}). It provisions nodes with the {@link Lifecycle} and
 * publishes each resulting state as a signed envelope on a channel, which it also follows. The keys
 * are described in {@code docs/configuration.md}; the embedded defaults are in {@value
 * #DEFAULT_CONFIG}.
 *
 * <p>The signing key is generated at start and trusted for this service's own id only: a real
 * deployment loads it from a key store and resolves other senders' keys from its inventory.
 *
 * <p>Thread-safe except {@link #receive}, which one thread calls.
 *
 * @since 0.1
 */
public final class FleetService implements AutoCloseable {
  /** The classpath resource with the embedded default configuration. */
  public static final String DEFAULT_CONFIG = "fleet-service.properties";

  private final String nodeId;
  private final String channel;
  private final EventStore store;
  private final Transport transport;
  private final Lifecycle lifecycle;
  private final Signer signer;
  private final String description;
  private TransportCursor cursor = TransportCursor.beginning();

  private FleetService(
      String nodeId,
      String channel,
      EventStore store,
      Transport transport,
      Lifecycle lifecycle,
      Signer signer,
      String description) {
    this.nodeId = nodeId;
    this.channel = channel;
    this.store = store;
    this.transport = transport;
    this.lifecycle = lifecycle;
    this.signer = signer;
    this.description = description;
  }

  /**
   * Runs the service: loads the embedded defaults, then the file named by the first argument if
   * any, then the {@code souverix.*} system properties; provisions the nodes named by the other
   * arguments and prints the states it receives back over the transport.
   *
   * @param args {@code [config-file] [node-id...]}
   * @throws Exception if the service cannot start or a step fails
   */
  public static void main(String[] args) throws Exception {
    Properties config = defaults();
    List<String> nodes = new ArrayList<>(List.of(args));
    if (!nodes.isEmpty() && nodes.get(0).endsWith(".properties")) {
      try (Reader r = Files.newBufferedReader(Path.of(nodes.remove(0)), StandardCharsets.UTF_8)) {
        config.load(r);
      }
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("souverix.")) {
        config.setProperty(name, System.getProperty(name));
      }
    }
    try (FleetService service = start(config, Clock.systemUTC())) {
      System.out.println("started: " + service);
      for (String node : nodes) {
        ComponentState s = service.provision(node, "SN-" + node);
        System.out.println("provisioned " + node + ": " + s.state());
      }
      for (Delivery d : service.receive(nodes.size(), Duration.ofSeconds(10))) {
        System.out.println(
            "received " + new String(d.envelope().payload(), StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Returns a copy of the embedded default configuration.
   *
   * @return the properties of {@value #DEFAULT_CONFIG}
   * @throws UncheckedIOException if the resource cannot be read
   */
  public static Properties defaults() {
    Properties p = new Properties();
    try (InputStream in = FleetService.class.getResourceAsStream("/" + DEFAULT_CONFIG)) {
      if (in == null) {
        throw new IOException(DEFAULT_CONFIG + " is not on the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * Starts the service from a configuration.
   *
   * @param config the properties (see {@code docs/configuration.md}); not null
   * @param clock stamps events; not null
   * @return the running service; close it when done
   * @throws IllegalArgumentException if a key is missing or has a value this service does not know
   * @throws EventStoreException if the store cannot be opened
   */
  public static FleetService start(Properties config, Clock clock) throws EventStoreException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    String nodeId = required(config, "souverix.node.id");
    String channel = config.getProperty("souverix.channel", "actual-state");
    Signer signer = ephemeralSigner();
    SenderKeyResolver keys =
        (sender, keyId) ->
            sender.equals(nodeId) && keyId.equals(signer.keyId())
                ? Optional.of(signer.publicKey())
                : Optional.empty();
    EventStore store = openStore(config, clock);
    Transport transport;
    try {
      transport = openTransport(config, keys);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    Lifecycle lifecycle = Lifecycle.builder().store(store).clock(clock).actor(nodeId).build();
    String description =
        String.format(
            Locale.ROOT,
            "FleetService[node=%s, store=%s, transport=%s, channel=%s]",
            nodeId,
            config.getProperty("souverix.store"),
            config.getProperty("souverix.transport"),
            channel);
    return new FleetService(nodeId, channel, store, transport, lifecycle, signer, description);
  }

  private static EventStore openStore(Properties config, Clock clock) throws EventStoreException {
    String kind = required(config, "souverix.store");
    switch (kind) {
      case "sqlite":
        {
          Path file = Path.of(required(config, "souverix.store.sqlite.file")).toAbsolutePath();
          try {
            Files.createDirectories(file.getParent());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
          }
          return SqliteEventStore.newBuilder(file).clock(clock).open();
        }
      case "postgres":
        {
          PostgresEventStore.Builder b =
              PostgresEventStore.newBuilder(required(config, "souverix.store.postgres.url"))
                  .clock(clock);
          String schema = config.getProperty("souverix.store.postgres.schema");
          if (schema != null && !schema.isBlank()) {
            b.schema(schema.trim());
          }
          return b.open();
        }
      default:
        throw unknown("souverix.store", "sqlite or postgres", kind);
    }
  }

  private static Transport openTransport(Properties config, SenderKeyResolver keys) {
    String kind = required(config, "souverix.transport");
    switch (kind) {
      case "in-process":
        return Transport.inProcess(keys);
      case "kafka":
        {
          KafkaTransport.Builder b =
              KafkaTransport.builder(required(config, "souverix.transport.kafka.bootstrap-servers"))
                  .keys(keys);
          String prefix = config.getProperty("souverix.transport.kafka.topic-prefix");
          if (prefix != null) {
            b.topicPrefix(prefix.trim());
          }
          String partitions = config.getProperty("souverix.transport.kafka.partitions");
          if (partitions != null) {
            b.partitions(integer("souverix.transport.kafka.partitions", partitions));
          }
          String clientPrefix = "souverix.transport.kafka.client.";
          for (String name : config.stringPropertyNames()) {
            if (name.startsWith(clientPrefix)) {
              b.config(name.substring(clientPrefix.length()), config.getProperty(name).trim());
            }
          }
          return b.build();
        }
      default:
        throw unknown("souverix.transport", "in-process or kafka", kind);
    }
  }

  /**
   * Registers a node, begins its provisioning and publishes its new state on the channel, signed by
   * this service, keyed by the node.
   *
   * @param node the node id; not null
   * @param serial its serial number; not empty
   * @return the node's state after provisioning began
   * @throws LifecycleException if the lifecycle refuses (e.g. the node exists)
   * @throws TransportException if the state cannot be published
   * @throws InterruptedException if interrupted while publishing
   */
  public ComponentState provision(String node, String serial)
      throws LifecycleException, TransportException, InterruptedException {
    lifecycle.registerHardware(
        node, Payload.of("serial", serial, "model", "sx-1", "region", "eu-west", "cluster", "c1"));
    ComponentState s = lifecycle.execute(node, HardwareCommand.BEGIN_PROVISIONING);
    Payload state =
        Payload.of("node", node, "state", String.valueOf(s.state()), "version", s.version());
    TransportEnvelope e;
    try {
      e =
          TransportEnvelope.sign(
              signer,
              channel,
              node,
              nodeId,
              s.version(),
              state.json().getBytes(StandardCharsets.UTF_8));
    } catch (SignerException x) {
      throw TransportException.of(
          TransportException.Code.UNSIGNED, "signing the state of " + node + " failed", x);
    }
    transport.send(e);
    return s;
  }

  /**
   * Polls the channel from where the last call stopped until {@code count} envelopes arrived or
   * {@code maxWait} passed; rejected envelopes are dropped (a real host audits them).
   *
   * @param count how many deliveries to wait for, at least 1
   * @param maxWait how long to wait in all
   * @return the verified deliveries, in channel order
   * @throws TransportException if polling fails
   * @throws InterruptedException if interrupted while waiting
   */
  public List<Delivery> receive(int count, Duration maxWait)
      throws TransportException, InterruptedException {
    List<Delivery> out = new ArrayList<>();
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (out.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TransportBatch b =
          transport.poll(
              channel,
              cursor,
              Math.min(Transport.MAX_POLL, Math.max(1, count - out.size())),
              Duration.ofNanos(left));
      out.addAll(b.deliveries());
      cursor = b.next();
    }
    return out;
  }

  /**
   * Returns the lifecycle facade on the configured store.
   *
   * @return the lifecycle
   */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * Returns the configured event store.
   *
   * @return the store
   */
  public EventStore store() {
    return store;
  }

  /**
   * Returns the configured transport.
   *
   * @return the transport
   */
  public Transport transport() {
    return transport;
  }

  /**
   * Closes the transport and the store.
   *
   * @throws Exception if closing either fails
   */
  @Override
  public void close() throws Exception {
    try {
      transport.close();
    } finally {
      store.close();
    }
  }

  @Override
  public String toString() {
    return description;
  }

  private static String required(Properties config, String key) {
    String v = config.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "configuration key %s; expected a value, but got none", key));
    }
    return v.trim();
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw unknown(key, "an integer", value);
    }
  }

  private static IllegalArgumentException unknown(String key, String expected, String got) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT, "configuration key %s; expected %s, but got '%s'", key, expected, got));
  }

  private static Signer ephemeralSigner() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return Signer.inMemory(g.generateKeyPair(), SigningAlgorithm.ES256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide ECDSA on P-256", e);
    }
  }
}
