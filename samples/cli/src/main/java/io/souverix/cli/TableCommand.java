package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.LifecycleState;
import io.souverix.lifecycle.Transition;
import io.souverix.lifecycle.TransitionTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code souverix lifecycle table}: prints the state machine's transition table. */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description = "Print the lifecycle transition table: command, from, to and guards.")
final class TableCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(
      names = "--kind",
      paramLabel = "hardware|software",
      description = "Only this kind of component; default: both.")
  ComponentKind kind;

  @Override
  public Integer call() {
    List<TransitionTable> tables =
        kind == null
            ? List.of(TransitionTable.hardware(), TransitionTable.software())
            : List.of(TransitionTable.of(kind));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      ObjectNode o = Json.object();
      o.put("ok", true);
      ArrayNode array = o.putArray("tables");
      for (TransitionTable t : tables) {
        ObjectNode table = array.addObject();
        table.put("kind", t.kind().payloadName());
        ArrayNode states = table.putArray("states");
        t.states().forEach(s -> states.add(s.name()));
        ArrayNode transitions = table.putArray("transitions");
        for (Transition tr : t.transitions()) {
          ObjectNode row = transitions.addObject();
          row.put("command", tr.command().name());
          ArrayNode from = row.putArray("from");
          for (LifecycleState s : tr.from()) {
            from.add(s.name());
          }
          row.put("to", tr.to().name());
          ArrayNode guards = row.putArray("guards");
          tr.guards().forEach(guards::add);
        }
      }
      Json.print(out, o);
    } else {
      boolean first = true;
      for (TransitionTable t : tables) {
        if (!first) {
          out.println();
        }
        first = false;
        out.println("## " + t.kind().payloadName());
        out.println();
        out.print(t.toMarkdown());
      }
      out.flush();
    }
    return 0;
  }
}
