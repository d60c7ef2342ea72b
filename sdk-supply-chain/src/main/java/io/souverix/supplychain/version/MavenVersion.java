package io.souverix.supplychain.version;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maven's version order, as {@code org.apache.maven.artifact.versioning.ComparableVersion} defines
 * it: the text splits at {@code .}, {@code -} and digit/letter transitions into numbers and
 * qualifiers (a {@code -} or a transition opens a sub-list); trailing nulls ({@code 0}, {@code ""},
 * {@code final}, {@code ga}, {@code release}) are dropped; qualifiers order {@code alpha < beta <
 * milestone < rc = cr < snapshot < "" = final = ga = release < sp}, unknown qualifiers after them
 * in case-insensitive lexical order; {@code a1}, {@code b1} and {@code m1} mean alpha, beta and
 * milestone.
 */
final class MavenVersion implements ParsedVersion {
  private static final List<String> QUALIFIERS =
      List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
  private static final Map<String, String> ALIASES =
      Map.of("ga", "", "final", "", "release", "", "cr", "rc");
  private static final String RELEASE_INDEX = String.valueOf(QUALIFIERS.indexOf(""));

  private final ListItem items;

  private MavenVersion(ListItem items) {
    this.items = items;
  }

  static MavenVersion parse(String text) throws VersionException {
    if (text.isEmpty()
        || text.length() > VersionScheme.MAX_LENGTH
        || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new VersionException(
          VersionException.Code.MALFORMED_VERSION,
          String.format(
              Locale.ROOT,
              "maven version; expected 1 to %d printable ASCII characters, but got '%s'",
              VersionScheme.MAX_LENGTH,
              VersionScheme.clip(text)));
    }
    String version = text.toLowerCase(Locale.ROOT);
    ListItem list = new ListItem();
    ListItem root = list;
    Deque<ListItem> stack = new ArrayDeque<>();
    stack.push(list);
    boolean isDigit = false;
    int start = 0;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c == '.') {
        list.add(i == start ? IntItem.ZERO : item(isDigit, version.substring(start, i)));
        start = i + 1;
      } else if (c == '-') {
        list.add(i == start ? IntItem.ZERO : item(isDigit, version.substring(start, i)));
        start = i + 1;
        ListItem sub = new ListItem();
        list.add(sub);
        list = sub;
        stack.push(list);
      } else if (c >= '0' && c <= '9') {
        if (!isDigit && i > start) {
          list.add(new StringItem(version.substring(start, i), true));
          start = i;
          ListItem sub = new ListItem();
          list.add(sub);
          list = sub;
          stack.push(list);
        }
        isDigit = true;
      } else {
        if (isDigit && i > start) {
          list.add(item(true, version.substring(start, i)));
          start = i;
          ListItem sub = new ListItem();
          list.add(sub);
          list = sub;
          stack.push(list);
        }
        isDigit = false;
      }
    }
    if (version.length() > start) {
      list.add(item(isDigit, version.substring(start)));
    }
    while (!stack.isEmpty()) {
      stack.pop().normalize();
    }
    return new MavenVersion(root);
  }

  private static Item item(boolean isDigit, String buf) {
    return isDigit ? new IntItem(new BigInteger(buf)) : new StringItem(buf, false);
  }

  @Override
  public int compareTo(ParsedVersion other) {
    return items.compareTo(((MavenVersion) other).items);
  }

  @Override
  public String canonical() {
    return items.toString();
  }

  private interface Item {
    int compareTo(@Nullable Item item);

    boolean isNull();

    /** Below (-1), at (0) or above (1) a plain release: the comparison with a missing item. */
    int side();

    /** Qualifier 0, sub-list 1, number 2: the order of items of different kinds on one side. */
    int kind();
  }

  /** Items of different kinds: by side of a release first, then by kind; total and transitive. */
  private static int acrossKinds(Item a, Item b) {
    int c = Integer.compare(a.side(), b.side());
    return c != 0 ? c : Integer.compare(a.kind(), b.kind());
  }

  private static final class IntItem implements Item {
    static final IntItem ZERO = new IntItem(BigInteger.ZERO);
    final BigInteger value;

    IntItem(BigInteger value) {
      this.value = value;
    }

    @Override
    public int compareTo(@Nullable Item item) {
      if (item == null) {
        return value.signum() == 0 ? 0 : 1;
      }
      if (item instanceof IntItem i) {
        return value.compareTo(i.value);
      }
      return acrossKinds(this, item);
    }

    @Override
    public int side() {
      return value.signum();
    }

    @Override
    public int kind() {
      return 2;
    }

    @Override
    public boolean isNull() {
      return value.signum() == 0;
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  private static final class StringItem implements Item {
    final String value;

    StringItem(String value, boolean followedByDigit) {
      if (followedByDigit && value.length() == 1) {
        switch (value.charAt(0)) {
          case 'a' -> value = "alpha";
          case 'b' -> value = "beta";
          case 'm' -> value = "milestone";
          default -> {}
        }
      }
      this.value = ALIASES.getOrDefault(value, value);
    }

    static String comparable(String qualifier) {
      int i = QUALIFIERS.indexOf(qualifier);
      return i == -1 ? QUALIFIERS.size() + "-" + qualifier : String.valueOf(i);
    }

    @Override
    public int compareTo(@Nullable Item item) {
      if (item == null) {
        return comparable(value).compareTo(RELEASE_INDEX);
      }
      if (item instanceof StringItem s) {
        return comparable(value).compareTo(comparable(s.value));
      }
      return acrossKinds(this, item);
    }

    @Override
    public int side() {
      return Integer.signum(comparable(value).compareTo(RELEASE_INDEX));
    }

    @Override
    public int kind() {
      return 0;
    }

    @Override
    public boolean isNull() {
      return comparable(value).equals(RELEASE_INDEX);
    }

    @Override
    public String toString() {
      return value;
    }
  }

  private static final class ListItem implements Item {
    final List<Item> items = new ArrayList<>();

    void add(Item item) {
      items.add(item);
    }

    void normalize() {
      for (int i = items.size() - 1; i >= 0; i--) {
        Item last = items.get(i);
        if (last.isNull()) {
          items.remove(i);
        } else if (!(last instanceof ListItem)) {
          break;
        }
      }
    }

    @Override
    public boolean isNull() {
      return items.isEmpty();
    }

    @Override
    public int compareTo(@Nullable Item item) {
      if (item == null) {
        return side();
      }
      if (!(item instanceof ListItem)) {
        return acrossKinds(this, item);
      }
      List<Item> others = ((ListItem) item).items;
      for (int i = 0; i < Math.max(items.size(), others.size()); i++) {
        Item l = i < items.size() ? items.get(i) : null;
        Item r = i < others.size() ? others.get(i) : null;
        int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
        if (result != 0) {
          return result;
        }
      }
      return 0;
    }

    @Override
    public int side() {
      for (Item i : items) {
        int side = i.side();
        if (side != 0) {
          return side;
        }
      }
      return 0;
    }

    @Override
    public int kind() {
      return 1;
    }

    @Override
    public String toString() {
      // Unambiguous, so that equal canonical forms mean equal versions: a sub-list always opens
      // with '-', even first, and an empty qualifier still gets its '.'.
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        if (item instanceof ListItem) {
          b.append('-');
        } else if (i > 0) {
          b.append('.');
        }
        b.append(item);
      }
      return b.toString();
    }
  }
}
