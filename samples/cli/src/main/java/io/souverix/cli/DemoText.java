package io.souverix.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders the demo report (the JSON object {@link FleetDemo} builds) as readable text. */
final class DemoText {
  private DemoText() {}

  static void print(JsonNode r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "Souverix fleet demo: %,d nodes, seed %d, store %s%n",
        r.get("nodes").asLong(),
        r.get("seed").asLong(),
        r.get("db").asText());
    out.println("  " + r.get("store").get("durability").asText());
    out.printf(
        Locale.ROOT,
        "  simulated time %s .. %s%n",
        r.get("simulated_start").asText(),
        r.get("simulated_end").asText());

    out.println();
    out.printf(
        Locale.ROOT, "%-14s %10s %12s %12s  %s%n", "Step", "wall time", "events", "events/s", "");
    for (JsonNode s : r.get("steps")) {
      out.printf(
          Locale.ROOT,
          "  %-12s %8.1f s %,12d %,12d  %s%n",
          s.get("step").asText(),
          s.get("wall_ms").asLong() / 1000.0,
          s.get("events_processed").asLong(),
          s.get("events_per_second").asLong(),
          s.get("result").asText());
    }

    JsonNode fleet = r.get("fleet");
    out.println();
    out.printf(
        Locale.ROOT,
        "Fleet: %,d nodes, %,d software components; nodes per lifecycle state and region%n",
        fleet.get("nodes").asLong(),
        fleet.get("software_components").asLong());
    Set<String> states = new LinkedHashSet<>();
    fleet.get("nodes_by_state").fieldNames().forEachRemaining(states::add);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-10s", "region"));
    for (String st : states) {
      header.append(String.format(Locale.ROOT, " %15s", st));
    }
    out.println(header);
    Iterator<Map.Entry<String, JsonNode>> regions = fleet.get("nodes_by_region_and_state").fields();
    while (regions.hasNext()) {
      Map.Entry<String, JsonNode> e = regions.next();
      out.println(row(e.getKey(), states, e.getValue()));
    }
    out.println(row("total", states, fleet.get("nodes_by_state")));

    out.println();
    out.println("Software versions");
    Iterator<Map.Entry<String, JsonNode>> software = r.get("software").fields();
    while (software.hasNext()) {
      Map.Entry<String, JsonNode> e = software.next();
      out.printf(
          Locale.ROOT,
          "  %-6s %s  (%s)%n",
          e.getKey(),
          counts(e.getValue().get("versions"), " x "),
          counts(e.getValue().get("states"), " "));
    }

    JsonNode rollout = r.get("rollout");
    out.println();
    out.printf(
        Locale.ROOT,
        "Rollout %s of %s (%s -> %s): %,d succeeded, %,d rolled back%n",
        rollout.get("rollout_id").asText(),
        rollout.get("component").asText(),
        rollout.get("from_version").asText(),
        rollout.get("to_version").asText(),
        rollout.get("succeeded").asLong(),
        rollout.get("rolled_back").asLong());
    for (JsonNode w : rollout.get("waves")) {
      out.printf(
          Locale.ROOT,
          "  %-7s %,7d nodes: %,7d succeeded, %,4d rolled back%n",
          w.get("name").asText(),
          w.get("nodes").asLong(),
          w.get("succeeded").asLong(),
          w.get("rolled_back").asLong());
    }

    JsonNode offline = r.get("offline_region");
    JsonNode debt = offline.get("sync_debt");
    out.println();
    out.printf(
        Locale.ROOT,
        "Offline region %s: %,d nodes autonomous from %s to %s (mean %.1f min), %,d connected"
            + " now%n",
        offline.get("region").asText(),
        offline.get("nodes").asLong(),
        offline.get("offline_at").asText(),
        offline.get("back_at").asText(),
        offline.get("mean_autonomous_minutes").asDouble(),
        offline.get("connected_now").asLong());
    out.printf(
        Locale.ROOT,
        "  sync debt (ConnectivityManager): %,d events missed by %,d nodes (%s per node: %s)%n",
        debt.get("events_missed").asLong(),
        debt.get("nodes_with_debt").asLong(),
        debt.get("min_per_node").asLong() == debt.get("max_per_node").asLong()
            ? Long.toString(debt.get("min_per_node").asLong())
            : debt.get("min_per_node").asLong() + " to " + debt.get("max_per_node").asLong(),
        histogram(debt.get("nodes_by_events_missed")));
    out.printf(
        Locale.ROOT,
        "  replay: %,d events replayed and acknowledged, %,d left%n",
        debt.get("events_replayed").asLong(),
        debt.get("remaining_after_replay").asLong());
    JsonNode example = debt.get("example");
    if (example != null) {
      out.printf(Locale.ROOT, "  e.g. %s missed:%n", example.get("node").asText());
      for (JsonNode e : example.get("events")) {
        out.printf(
            Locale.ROOT,
            "    #%d %s %s%n",
            e.get("position").asLong(),
            e.get("type").asText(),
            e.get("payload"));
      }
    }

    out.println();
    out.println("Decommissioned");
    for (JsonNode d : r.get("decommissioned")) {
      out.printf(
          Locale.ROOT,
          "  %s (%s) %s -> %s: %s%n",
          d.get("node").asText(),
          d.get("region").asText(),
          d.get("path").asText(),
          d.get("lifecycle_state").asText(),
          d.get("commands").asText());
    }

    JsonNode events = r.get("events");
    JsonNode chain = r.get("chain");
    out.println();
    out.printf(
        Locale.ROOT,
        "Events: %,d in %,d streams; head hash %s%n",
        events.get("total").asLong(),
        events.get("streams").asLong(),
        events.get("head_hash").asText());
    out.printf(
        Locale.ROOT,
        "Chain verification: %s (%,d events, %,d streams checked)%n",
        chain.get("ok").asBoolean() ? "intact" : chain.get("problems").size() + " PROBLEMS",
        chain.get("events_checked").asLong(),
        chain.get("streams_checked").asLong());
    for (JsonNode p : chain.get("problems")) {
      out.println("  " + p);
    }
    out.printf(
        Locale.ROOT,
        "Wall time %.1f s, peak heap %,d MB%n",
        r.get("wall_ms").asLong() / 1000.0,
        r.get("peak_heap_mb").asLong());

    out.println();
    out.println("Views");
    JsonNode views = r.get("views");
    view(out, "HardwareLifecycle of an active node", views.get("active_node"));
    view(out, "HardwareLifecycle, graceful decommission", views.get("graceful_decommissioned"));
    view(out, "HardwareLifecycle, emergency decommission", views.get("emergency_decommissioned"));
    view(out, "SoftwareLifecycle of an agent", views.get("agent"));

    String db = r.get("db").asText();
    out.println();
    out.println("Next:");
    out.println(
        "  souverix timeline --db "
            + db
            + " --node "
            + r.get("decommissioned").get(0).get("node").asText());
    out.println("  souverix events verify --db " + db);
    out.flush();
  }

  private static String row(String label, Set<String> states, JsonNode counts) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-10s", label));
    for (String st : states) {
      JsonNode n = counts.get(st);
      sb.append(String.format(Locale.ROOT, " %,15d", n == null ? 0 : n.asLong()));
    }
    return sb.toString();
  }

  private static String counts(JsonNode object, String separator) {
    List<String> parts = new ArrayList<>();
    object
        .fields()
        .forEachRemaining(
            e ->
                parts.add(
                    e.getKey()
                        + separator
                        + String.format(Locale.ROOT, "%,d", e.getValue().asLong())));
    return String.join(", ", parts);
  }

  private static String histogram(JsonNode object) {
    List<String> parts = new ArrayList<>();
    object
        .fields()
        .forEachRemaining(
            e ->
                parts.add(
                    String.format(
                        Locale.ROOT, "%,d nodes missed %s", e.getValue().asLong(), e.getKey())));
    return String.join(", ", parts);
  }

  private static void view(PrintWriter out, String title, JsonNode json) {
    out.println("  " + title + ":");
    try {
      String pretty = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
      for (String line : pretty.split("\n", -1)) {
        out.println("    " + line);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
