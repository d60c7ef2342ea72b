package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.verify.ChainProblem;
import io.souverix.lifecycle.verify.ChainVerification;
import io.souverix.lifecycle.verify.ChainVerifier;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code souverix events verify}: checks the hash chains of a whole store. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the hash chain of every stream of a store and list every problem.",
      "Exit 0 when intact, 1 on any problem, 2 if the file is missing or not a store."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The store file.")
  Path db;

  @Override
  public Integer call() throws Exception {
    ChainVerification v;
    long started = System.nanoTime();
    try (SqliteEventStore store = Stores.openExisting(db)) {
      v = ChainVerifier.verify(store);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      ObjectNode o = Json.object();
      o.put("ok", v.ok());
      o.put("db", db.toString());
      o.put("events_checked", v.eventsChecked());
      o.put("streams_checked", v.streamsChecked());
      o.put("head_position", v.headPosition());
      o.put("wall_ms", millis);
      ArrayNode problems = o.putArray("problems");
      for (ChainProblem p : v.problems()) {
        problems.add(problemJson(p));
      }
      Json.print(out, o);
    } else {
      out.printf(
          Locale.ROOT,
          "verified %s: %d events in %d streams up to position %d (%d ms)%n",
          db,
          v.eventsChecked(),
          v.streamsChecked(),
          v.headPosition(),
          millis);
      for (ChainProblem p : v.problems()) {
        out.println("  " + problemLine(p));
      }
      out.println(
          v.ok() ? "chain intact" : String.format(Locale.ROOT, "%d problems", v.problems().size()));
      out.flush();
    }
    if (!v.ok()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          Main.errorLine(
              CliException.Kind.CHECK_FAILED,
              String.format(
                  Locale.ROOT,
                  "hash chain verification of %s found %d problems",
                  db,
                  v.problems().size())));
      err.flush();
      return CliException.Kind.CHECK_FAILED.exitCode();
    }
    return 0;
  }

  static ObjectNode problemJson(ChainProblem p) {
    ObjectNode o = Json.object();
    o.put("position", p.position());
    o.put("stream_id", p.streamId());
    o.put("sequence", p.sequence());
    o.put("event_id", p.eventId() == null ? null : p.eventId().toString());
    o.put("kind", p.kind().name());
    o.put("detail", p.detail());
    return o;
  }

  static String problemLine(ChainProblem p) {
    return String.format(
        Locale.ROOT,
        "position %d, stream %s, sequence %d: %s: %s",
        p.position(),
        p.streamId() == null ? "(unreadable)" : p.streamId(),
        p.sequence(),
        p.kind(),
        p.detail());
  }
}
