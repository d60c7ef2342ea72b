package io.souverix.tck;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process the crash rule (ES-5.2) kills: opens the vendor's store through its {@link
 * EventStoreFactory}, appends batches to a few streams until killed, and prints one {@code ack}
 * line per event only after its append returned.
 *
 * <p>Arguments: factory class name, store directory, writer name, seed.
 */
final class CrashAppender {
  static final int STREAMS = 4;

  private CrashAppender() {}

  public static void main(String[] args) throws Exception {
    EventStoreFactory factory =
        Class.forName(args[0])
            .asSubclass(EventStoreFactory.class)
            .getDeclaredConstructor()
            .newInstance();
    Path directory = Path.of(args[1]);
    String writer = args[2];
    long seed = Long.parseLong(args[3]);
    Random random = new Random(seed);
    EventIds ids = EventIds.create(Clock.systemUTC(), new Random(seed));
    PrintStream out = System.out;
    try (EventStore store = factory.open(directory, Clock.systemUTC())) {
      out.println("ready");
      out.flush();
      for (long batch = 0; ; batch++) {
        String stream = "crash-" + random.nextInt(STREAMS);
        int size = random.nextInt(10) == 0 ? 20 + random.nextInt(30) : 1 + random.nextInt(8);
        String batchId = writer + ":" + batch;
        List<NewEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          events.add(
              NewEvent.builder("tck.crash_probe", 1)
                  .eventId(ids.next())
                  .occurredAt(Clock.systemUTC().instant())
                  .actor(writer)
                  .payload(Payload.of("batch", batchId, "index", i, "size", size, "note", "ünï 😀"))
                  .build());
        }
        AppendResult r = store.append(stream, ExpectedVersion.any(), events);
        StringBuilder lines = new StringBuilder(size * 160);
        for (RecordedEvent e : r.events()) {
          lines
              .append("ack ")
              .append(e.eventId())
              .append(' ')
              .append(e.position())
              .append(' ')
              .append(e.streamId())
              .append(' ')
              .append(e.sequence())
              .append(' ')
              .append(e.hash())
              .append(" .\n");
        }
        out.print(lines);
        out.flush();
      }
    }
  }
}
