package io.souverix.store.sqlite;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process {@link SqliteCrashTest} kills: appends batches to a few shared streams forever and
 * prints one {@code ack} line per event only after its append returned.
 *
 * <p>Arguments: database file, writer name, seed.
 */
final class CrashWriter {
  static final int STREAMS = 4;

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String writer = args[1];
    long seed = Long.parseLong(args[2]);
    Random random = new Random(seed);
    EventIds ids = EventIds.create(Clock.systemUTC(), new Random(seed));
    PrintStream out = System.out;
    try (SqliteEventStore store = SqliteEventStore.open(file, Clock.systemUTC())) {
      out.println("ready");
      out.flush();
      for (long batch = 0; ; batch++) {
        String stream = "stream-" + random.nextInt(STREAMS);
        int size = random.nextInt(10) == 0 ? 20 + random.nextInt(60) : 1 + random.nextInt(8);
        String batchId = writer + ":" + batch;
        List<NewEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          events.add(
              NewEvent.builder("test.crash_probe", 1)
                  .eventId(ids.next())
                  .occurredAt(Clock.systemUTC().instant())
                  .actor(writer)
                  .payload(
                      Payload.of(
                          "batch", batchId, "index", i, "size", size, "note", "ünï 😀 " + seed))
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
