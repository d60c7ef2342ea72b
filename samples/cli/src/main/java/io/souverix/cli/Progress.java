package io.souverix.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of the demo's steps on stderr. On a terminal a bar is redrawn in place with {@code \r};
 * otherwise (a pipe, a log file, a test) each step writes one line that grows by a percentage about
 * every 10%, so logs stay readable.
 */
final class Progress {
  private static final int BAR = 30;

  private final PrintWriter err;
  private final boolean terminal;

  Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Starts a step of {@code total} units of work; 0 means the amount is not known. */
  Step start(String name, long total) {
    return new Step(name, total);
  }

  /** One step in progress; not thread-safe. */
  final class Step {
    private final String name;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private int shown = -1;
    private int drawn;

    private Step(String name, long total) {
      this.name = name;
      this.total = total;
      if (!terminal) {
        err.print(String.format(Locale.ROOT, "%-14s", name + ":"));
        err.flush();
      }
      show();
    }

    void advance() {
      done++;
      show();
    }

    private void show() {
      if (total <= 0) {
        return;
      }
      int percent = (int) (done * 100 / total);
      if (terminal) {
        if (percent != shown) {
          shown = percent;
          int filled = (int) ((long) percent * BAR / 100);
          String bar =
              String.format(
                  Locale.ROOT,
                  "%-14s [%s%s] %3d%% %,d/%,d",
                  name,
                  "#".repeat(filled),
                  ".".repeat(BAR - filled),
                  percent,
                  done,
                  total);
          drawn = bar.length();
          err.print("\r" + bar);
          err.flush();
        }
      } else {
        int decile = percent / 10 * 10;
        if (decile != shown) {
          shown = decile;
          err.print(" " + decile + "%");
          err.flush();
        }
      }
    }

    /** Ends the step; returns its wall time in nanoseconds. */
    long finish(String result) {
      long nanos = System.nanoTime() - started;
      String tail = String.format(Locale.ROOT, " %s (%.1f s)", result, nanos / 1e9);
      if (terminal) {
        String line = String.format(Locale.ROOT, "%-14s %s", name, tail.strip());
        // Pad over what is left of a longer bar on the same line.
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())) + "\n");
      } else {
        err.println(tail);
      }
      err.flush();
      return nanos;
    }
  }
}
