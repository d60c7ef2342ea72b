package io.souverix.tck;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a conformance test gives the adapter under test: a controllable clock, deterministic event
 * ids, a private scratch directory and a timeout for asynchronous rules. One environment per test,
 * so tests may run in parallel.
 *
 * <p>The timeout defaults to 10 seconds and can be raised with the environment variable {@code
 * SOUVERIX_TCK_TIMEOUT_MILLIS} on slow machines.
 *
 * @since 0.1
 */
public final class TckEnvironment {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final EventIds ids = EventIds.create(clock, new Random(20260101L));
  private final Duration timeout;
  private @Nullable Path directory;

  TckEnvironment() {
    this(defaultTimeout());
  }

  /** For the kit's own tests of broken adapters, which time out by design. */
  TckEnvironment(Duration timeout) {
    this.timeout = timeout;
  }

  private static Duration defaultTimeout() {
    String env = System.getenv("SOUVERIX_TCK_TIMEOUT_MILLIS");
    return Duration.ofMillis(env == null ? 10_000 : Long.parseLong(env.trim()));
  }

  /**
   * Returns the clock stores under test should stamp events with.
   *
   * @return the manual clock of this test
   */
  public ManualClock clock() {
    return clock;
  }

  /**
   * Returns how long an asynchronous rule waits.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns a directory private to this test, created on first use and deleted with everything in
   * it after the test. Durable stores keep their files here, so that {@code reopen} finds them.
   *
   * @return an existing, initially empty directory
   * @throws UncheckedIOException if the directory cannot be created
   */
  public synchronized Path directory() {
    if (directory == null) {
      try {
        directory = Files.createTempDirectory("souverix-tck-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return directory;
  }

  /**
   * Creates a valid event of the catalogue with a fresh id.
   *
   * @param n a number recorded in the payload, to tell events apart
   * @return the event
   */
  public NewEvent event(int n) {
    return event(
        Payload.of(
            "healthy", n % 2 == 0, "checks", List.of(String.format(Locale.ROOT, "check-%d", n))));
  }

  /**
   * Creates a {@code node.health_validated} event with a fresh id and the given payload.
   *
   * @param payload the payload; not null
   * @return the event
   */
  public NewEvent event(Payload payload) {
    return NewEvent.builder(EventType.NODE_HEALTH_VALIDATED)
        .eventId(nextId())
        .occurredAt(clock.instant())
        .actor("tck")
        .region("region-a")
        .payload(payload)
        .build();
  }

  /**
   * Creates {@code count} events numbered from {@code first}.
   *
   * @param first the number of the first event
   * @param count how many
   * @return the events, in order
   */
  public List<NewEvent> events(int first, int count) {
    List<NewEvent> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(event(first + i));
    }
    return out;
  }

  private synchronized java.util.UUID nextId() {
    return ids.next();
  }

  /** Deletes the scratch directory, if one was created. */
  synchronized void cleanUp() {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A store that still holds a file open (Windows) leaves it behind; the OS temp dir reaps it.
    }
    directory = null;
  }
}
