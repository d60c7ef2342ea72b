package io.souverix.drift;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a sync-debt estimate rests on measured replay rates rather than stated or assumed ones.
 *
 * <p>{@code score = (t_messages * c_messages + t_updates * c_costs) / (t_messages + t_updates)}:
 * each class's share of the estimated duration times the confidence of what estimated it, where
 * {@code c_messages} is the message rate's {@link ReplayRate#confidence()} and {@code c_costs} is
 * {@link ReplayCosts#costConfidence()}. An empty backlog has score 1: there is nothing to estimate.
 * The level is {@code high} from 0.75, {@code medium} from 0.4, else {@code low}.
 *
 * @param score the confidence in {@code [0, 1]}
 * @param level {@code "low"}, {@code "medium"} or {@code "high"}
 * @since 0.1
 */
public record Confidence(double score, String level) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the score is outside [0, 1] or the level does not match it
   */
  public Confidence {
    if (!(score >= 0 && score <= 1) || !level.equals(levelOf(score))) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "confidence; expected a score in [0, 1] with its level, but got %s %s",
              score,
              level));
    }
  }

  static Confidence of(ReplayEstimate estimate, ReplayCosts costs) {
    double messages = seconds(estimate.messages());
    double updates =
        seconds(estimate.configUpdates())
            + seconds(estimate.policyUpdates())
            + seconds(estimate.versionUpdates());
    double total = messages + updates;
    double score =
        total == 0
            ? 1
            : (messages * costs.messages().confidence() + updates * costs.costConfidence()) / total;
    score = Math.max(0, Math.min(1, score));
    return new Confidence(score, levelOf(score));
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  private static String levelOf(double score) {
    return score >= 0.75 ? "high" : score >= 0.4 ? "medium" : "low";
  }
}
