package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.TimelineEntry;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code souverix timeline}: the lifecycle timeline of one node and its software components. */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    description = {
      "Print the lifecycle timeline of a node and its software components, in global order:",
      "one line per event with time, component, type and summary.",
      "Exit 2 if the node is unknown or the file is missing or not a store."
    })
final class TimelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The store file.")
  Path db;

  @Option(
      names = "--node",
      required = true,
      paramLabel = "ID",
      description = "The node id, e.g. node-000001.")
  String node;

  @Override
  public Integer call() throws Exception {
    NodeTimeline projection = new NodeTimeline(node);
    try (SqliteEventStore store = Stores.openExisting(db);
        ProjectionRunner runner =
            ProjectionRunner.builder(store)
                .add(projection)
                .checkpointEvery(Integer.MAX_VALUE)
                .build()) {
      runner.rebuild();
    }
    if (projection.timeline().of(node).isEmpty()) {
      throw new CliException(
          CliException.Kind.NOT_FOUND,
          String.format(
              Locale.ROOT, "node '%s'; expected a node recorded in %s, but got none", node, db));
    }
    List<TimelineEntry> entries = projection.timeline().forNode(node);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      ObjectNode o = Json.object();
      o.put("ok", true);
      o.put("node", node);
      ArrayNode array = o.putArray("entries");
      for (TimelineEntry e : entries) {
        ObjectNode entry = array.addObject();
        entry.put("occurred_at", e.occurredAt().toString());
        entry.put("recorded_at", e.recordedAt().toString());
        entry.put("component", e.componentId());
        entry.put("sequence", e.sequence());
        entry.put("position", e.position());
        entry.put("type", e.type());
        entry.put("summary", e.summary());
      }
      Json.print(out, o);
    } else {
      int width = 0;
      int typeWidth = 0;
      for (TimelineEntry e : entries) {
        width = Math.max(width, e.componentId().length());
        typeWidth = Math.max(typeWidth, e.type().length());
      }
      String format = "%-24s  %-" + width + "s  %-" + typeWidth + "s  %s%n";
      for (TimelineEntry e : entries) {
        out.printf(Locale.ROOT, format, e.occurredAt(), e.componentId(), e.type(), e.summary());
      }
      out.flush();
    }
    return 0;
  }
}
