package io.souverix.drift.rollout;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A recurring maintenance window of one node or of a region: a node is updated only while one of
 * its windows is open. A node's own windows replace its region's; a node with neither may be
 * updated at any time.
 *
 * <p>The window opens at {@code start} local time on each of {@code days} (every day if empty) and
 * closes at {@code end}, exclusive; an {@code end} before {@code start} closes the next day.
 *
 * @param node the node the window applies to, or null for a region window
 * @param region the region the window applies to, or null for a node window
 * @param days the opening days; empty means every day
 * @param start the local opening time (minute precision)
 * @param end the local closing time, exclusive (minute precision); not equal to {@code start}
 * @param zone the time zone of {@code start} and {@code end}
 * @since 0.1
 */
public record MaintenanceWindow(
    @Nullable String node,
    @Nullable String region,
    Set<DayOfWeek> days,
    LocalTime start,
    LocalTime end,
    ZoneId zone) {

  /**
   * Validates the window and copies {@code days}.
   *
   * @throws IllegalArgumentException unless exactly one of node and region is set, or if start
   *     equals end or has seconds
   */
  public MaintenanceWindow {
    if ((node == null) == (region == null)) {
      throw new IllegalArgumentException(
          "maintenance window; expected exactly one of node and region, but got "
              + (node == null ? "neither" : "both"));
    }
    if (node != null) {
      Checks.id(node, "node");
    }
    if (region != null) {
      Checks.text(region, "region", 200);
    }
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
    if (start.equals(end)
        || start.getSecond() != 0
        || start.getNano() != 0
        || end.getSecond() != 0
        || end.getNano() != 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "maintenance window; expected different start and end times in whole minutes, but"
                  + " got %s to %s",
              start,
              end));
    }
  }

  /**
   * Returns a daily (or weekly, with {@code days}) window of one node.
   *
   * @param node the node
   * @param start the opening time
   * @param end the closing time, exclusive
   * @param zone the time zone
   * @param days the opening days; none means every day
   * @return the window
   */
  public static MaintenanceWindow ofNode(
      String node, LocalTime start, LocalTime end, ZoneId zone, DayOfWeek... days) {
    return new MaintenanceWindow(node, null, daySet(days), start, end, zone);
  }

  /**
   * Returns a daily (or weekly, with {@code days}) window of every node of a region.
   *
   * @param region the region
   * @param start the opening time
   * @param end the closing time, exclusive
   * @param zone the time zone
   * @param days the opening days; none means every day
   * @return the window
   */
  public static MaintenanceWindow ofRegion(
      String region, LocalTime start, LocalTime end, ZoneId zone, DayOfWeek... days) {
    return new MaintenanceWindow(null, region, daySet(days), start, end, zone);
  }

  private static Set<DayOfWeek> daySet(DayOfWeek... days) {
    return days.length == 0 ? Set.of() : EnumSet.of(days[0], days);
  }

  /**
   * Returns whether the window is open at an instant.
   *
   * @param instant the instant; not null
   * @return true if open
   */
  public boolean isOpenAt(Instant instant) {
    ZonedDateTime t = instant.atZone(zone);
    LocalTime time = t.toLocalTime();
    DayOfWeek day = t.getDayOfWeek();
    if (start.isBefore(end)) {
      return opensOn(day) && !time.isBefore(start) && time.isBefore(end);
    }
    return (opensOn(day) && !time.isBefore(start)) || (opensOn(day.minus(1)) && time.isBefore(end));
  }

  private boolean opensOn(DayOfWeek day) {
    return days.isEmpty() || days.contains(day);
  }
}
