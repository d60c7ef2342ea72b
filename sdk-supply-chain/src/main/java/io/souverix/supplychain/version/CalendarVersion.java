package io.souverix.supplychain.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar versions {@code YYYY.MM[.DD][.MICRO]}: a four-digit year, a month 1 to 12 (zero padding
 * allowed), then an optional day 1 to 31 and an optional micro number; ordered numerically part by
 * part, a version above every shorter version it extends.
 */
final class CalendarVersion implements ParsedVersion {
  private static final Pattern GRAMMAR =
      Pattern.compile("^(\\d{4})\\.(\\d{1,2})(?:\\.(\\d{1,2}))?(?:\\.(\\d{1,9}))?$");

  private final int[] parts;

  private CalendarVersion(int[] parts) {
    this.parts = parts;
  }

  static CalendarVersion parse(String text) throws VersionException {
    Matcher m = GRAMMAR.matcher(text);
    if (!m.matches()) {
      throw malformed(text, "YYYY.MM[.DD][.MICRO]");
    }
    int month = Integer.parseInt(m.group(2));
    if (month < 1 || month > 12) {
      throw malformed(text, "a month from 1 to 12");
    }
    if (m.group(3) == null) {
      return new CalendarVersion(new int[] {Integer.parseInt(m.group(1)), month});
    }
    int third = Integer.parseInt(m.group(3));
    if (m.group(4) != null && (third < 1 || third > 31)) {
      throw malformed(text, "a day from 1 to 31");
    }
    return m.group(4) == null
        ? new CalendarVersion(new int[] {Integer.parseInt(m.group(1)), month, third})
        : new CalendarVersion(
            new int[] {Integer.parseInt(m.group(1)), month, third, Integer.parseInt(m.group(4))});
  }

  private static VersionException malformed(String text, String expected) {
    return new VersionException(
        VersionException.Code.MALFORMED_VERSION,
        String.format(
            Locale.ROOT,
            "calendar version; expected %s, but got '%s'",
            expected,
            VersionScheme.clip(text)));
  }

  @Override
  public int compareTo(ParsedVersion other) {
    int[] o = ((CalendarVersion) other).parts;
    for (int i = 0; i < Math.min(parts.length, o.length); i++) {
      int c = Integer.compare(parts[i], o[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(parts.length, o.length);
  }

  @Override
  public String canonical() {
    StringBuilder b = new StringBuilder();
    for (int p : parts) {
      b.append(b.length() == 0 ? "" : ".").append(p);
    }
    return b.toString();
  }
}
