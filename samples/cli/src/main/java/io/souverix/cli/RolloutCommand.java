package io.souverix.cli;

import io.souverix.drift.rollout.HealthReport;
import io.souverix.drift.rollout.NodePhase;
import io.souverix.drift.rollout.NodeProgress;
import io.souverix.drift.rollout.Rollout;
import io.souverix.drift.rollout.RolloutCoordinator;
import io.souverix.drift.rollout.RolloutException;
import io.souverix.drift.rollout.RolloutPlan;
import io.souverix.drift.rollout.RolloutStatus;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code souverix rollout}: staged rollouts of a desired-state change on a SQLite store. Each
 * invocation opens the rollout by replaying its stream, so the CLI is itself a coordinator that
 * "crashes" after every command. Plan format: docs/drift.md, section "Rollouts".
 */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = "Staged rollouts: start, step, report, pause, resume, abort, show.",
    subcommands = {
      RolloutCommand.Start.class,
      RolloutCommand.Step.class,
      RolloutCommand.Report.class,
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Abort.class,
      RolloutCommand.Show.class
    })
final class RolloutCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a subcommand is required: start, step, report, pause, resume, abort or show");
  }

  /** Options every subcommand shares. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JsonOption json;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The SQLite store.")
    Path db;

    @Option(
        names = "--at",
        paramLabel = "INSTANT",
        description =
            "Act as if the time were INSTANT (RFC 3339, e.g. 2024-07-15T02:00:00Z); default now.")
    @Nullable Instant at;

    abstract RolloutStatus act(RolloutCoordinator coordinator)
        throws RolloutException, CliException;

    EventStore open() throws CliException {
      return Stores.openExisting(db);
    }

    @Override
    public Integer call() throws CliException {
      Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
      RolloutStatus status;
      try (EventStore raw = open()) {
        RolloutCoordinator c =
            RolloutCoordinator.newBuilder()
                .store(EventSchemas.builtIn().validating(raw))
                .clock(clock)
                .actor("souverix-cli")
                .build();
        status = act(c);
      } catch (RolloutException e) {
        throw new CliException(kindOf(e.code()), e.code() + ": " + e.getMessage(), e);
      } catch (EventStoreException e) {
        throw new CliException(CliException.Kind.FAILED, "closing the store: " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled) {
        out.println(status.toJson());
      } else {
        print(out, status);
      }
      out.flush();
      return 0;
    }
  }

  static CliException.Kind kindOf(RolloutException.Code code) {
    return switch (code) {
      case MALFORMED_PLAN, INVALID_PLAN -> CliException.Kind.INPUT;
      case NOT_FOUND, UNKNOWN_NODE -> CliException.Kind.NOT_FOUND;
      default -> CliException.Kind.FAILED;
    };
  }

  static void print(PrintWriter out, RolloutStatus s) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    s.counts()
        .forEach(
            (p, n) -> {
              if (n > 0) {
                counts.put(p.name().toLowerCase(Locale.ROOT), n);
              }
            });
    out.printf(
        Locale.ROOT,
        "rollout %s: %s %s -> %s, %s, wave %d of %d; %s%s%n",
        s.rolloutId(),
        s.change().component(),
        s.change().kind().jsonName(),
        s.change().version(),
        s.phase().name().toLowerCase(Locale.ROOT),
        s.currentWave() + 1,
        s.waves().size(),
        counts,
        s.reason() == null ? "" : " (" + s.reason() + ")");
    for (NodeProgress n : s.nodes()) {
      if (n.phase() != NodePhase.PENDING && n.phase() != NodePhase.SUCCEEDED) {
        out.printf(
            Locale.ROOT,
            "  %s wave %d %s%s%n",
            n.node(),
            n.wave(),
            n.phase().name().toLowerCase(Locale.ROOT),
            n.reason() == null ? "" : ": " + n.reason());
      }
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a rollout from a plan file; creates the store if missing.")
  static final class Start extends Base {
    @Option(
        names = "--plan",
        required = true,
        paramLabel = "PLAN.json",
        description = "The rollout plan.")
    Path plan;

    @Override
    EventStore open() throws CliException {
      if (!Files.exists(db)) {
        try {
          return SqliteEventStore.newBuilder(db).open();
        } catch (EventStoreException e) {
          throw new CliException(
              CliException.Kind.INPUT,
              String.format(
                  Locale.ROOT, "cannot create the event store %s: %s", db, e.getMessage()),
              e);
        }
      }
      return super.open();
    }

    @Override
    RolloutStatus act(RolloutCoordinator c) throws RolloutException, CliException {
      String text;
      try {
        text = Files.readString(plan, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(
            CliException.Kind.INPUT,
            String.format(Locale.ROOT, "cannot read %s: %s", plan, e.getMessage()),
            e);
      }
      return c.start(RolloutPlan.parse(text)).status();
    }
  }

  /** A subcommand on one existing rollout. */
  abstract static class OnRollout extends Base {
    @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout's id.")
    String id;

    @Override
    RolloutStatus act(RolloutCoordinator c) throws RolloutException, CliException {
      return on(c.open(id));
    }

    abstract RolloutStatus on(Rollout r) throws RolloutException;
  }

  @Command(
      name = "step",
      mixinStandardHelpOptions = true,
      description = "Advance the rollout once (timeouts, updates, next wave, completion).")
  static final class Step extends OnRollout {
    @Override
    RolloutStatus on(Rollout r) throws RolloutException {
      return r.step();
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Report an updated node's health, or that a deferred node returned.")
  static final class Report extends OnRollout {
    @Option(names = "--node", required = true, description = "The node.")
    String node;

    @Option(names = "--failed", description = "Its health check failed (default: passed).")
    boolean failed;

    @Option(names = "--returned", description = "The node was deferred and is reachable again.")
    boolean returned;

    @Override
    RolloutStatus on(Rollout r) throws RolloutException {
      if (returned) {
        r.nodeReturned(node);
      } else {
        r.reportHealth(node, HealthReport.of(Map.of("health_endpoint", !failed)));
      }
      return r.status();
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause a running rollout.")
  static final class Pause extends OnRollout {
    @Option(names = "--reason", defaultValue = "paused by operator", description = "Why.")
    String reason;

    @Override
    RolloutStatus on(Rollout r) throws RolloutException {
      return r.pause(reason);
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused rollout.")
  static final class Resume extends OnRollout {
    @Option(names = "--reason", defaultValue = "resumed by operator", description = "Why.")
    String reason;

    @Override
    RolloutStatus on(Rollout r) throws RolloutException {
      return r.resume(reason);
    }
  }

  @Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description = "Abort a rollout for good (rolls back per its policy).")
  static final class Abort extends OnRollout {
    @Option(names = "--reason", defaultValue = "aborted by operator", description = "Why.")
    String reason;

    @Override
    RolloutStatus on(Rollout r) throws RolloutException {
      return r.abort(reason);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a rollout's phase, waves and nodes.")
  static final class Show extends OnRollout {
    @Override
    RolloutStatus on(Rollout r) {
      return r.status();
    }
  }
}
