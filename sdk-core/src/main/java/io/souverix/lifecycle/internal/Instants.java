package io.souverix.lifecycle.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Fast parsing of the instants the SDK writes ({@link Instant#toString()} of a UTC instant: {@code
 * 2026-01-31T12:00:00Z}, with 3, 6 or 9 fraction digits when not whole). Replay parses two per
 * event, and {@link Instant#parse} goes through the general formatter machinery; any other shape
 * falls back to it, so the result is always exactly {@link Instant#parse}'s.
 */
public final class Instants {
  private Instants() {}

  /** Parses an ISO-8601 instant; same result and exceptions as {@link Instant#parse}. */
  public static Instant parse(String s) {
    int len = s.length();
    if (len < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(len - 1) != 'Z') {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int nanos = 0;
    if (len != 20) {
      int fraction = len - 21;
      if (s.charAt(19) != '.' || (fraction != 3 && fraction != 6 && fraction != 9)) {
        return Instant.parse(s);
      }
      nanos = digits(s, 20, fraction);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 59
        || nanos < 0) {
      return Instant.parse(s);
    }
    if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return Instant.parse(s);
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  /** Parses {@code count} ASCII digits at {@code from}; -1 if any is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return Integer.MIN_VALUE / 2;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * Appends {@code instant} exactly as {@link Instant#toString()} prints it, without its formatter
   * machinery for years 0 to 9999 (the envelope hash formats two instants per event).
   */
  public static void format(Instant instant, StringBuilder out) {
    long seconds = instant.getEpochSecond();
    int nanos = instant.getNano();
    long day = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    if (day < -719_528L || day > 2_932_896L) { // outside 0000-01-01 .. 9999-12-31
      out.append(instant);
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    pad(out, date.getYear(), 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    pad(out, date.getDayOfMonth(), 2).append('T');
    pad(out, secondOfDay / 3600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    pad(out, secondOfDay % 60, 2);
    if (nanos != 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(out, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        pad(out, nanos / 1000, 6);
      } else {
        pad(out, nanos, 9);
      }
    }
    out.append('Z');
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
    for (int i = digits; i < width; i++) {
      out.append('0');
    }
    return out.append(value);
  }
}
