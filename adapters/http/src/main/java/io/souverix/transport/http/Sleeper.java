package io.souverix.transport.http;

import java.time.Duration;

/** Waits between retries; tests inject one that records the waits instead of sleeping. */
interface Sleeper {
  /** The real one: parks the calling thread. */
  Sleeper THREAD =
      d -> {
        if (!d.isZero() && !d.isNegative()) {
          Thread.sleep(d.toMillis(), d.getNano() % 1_000_000);
        }
      };

  void sleep(Duration duration) throws InterruptedException;
}
