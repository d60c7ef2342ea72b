package io.souverix.supplychain.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a licence, as {@link SbomComponent#licences()} writes it, binds a component to a
 * GPL-family licence (GPL, LGPL, AGPL, any version, with or without {@code -only}, {@code
 * -or-later}, {@code +} or a {@code WITH} exception).
 */
final class Licences {
  private static final Pattern GPL_ID = Pattern.compile("(?i)(A|L)?GPL(-[0-9].*|\\+)?");
  private static final Pattern GPL_NAME =
      Pattern.compile(
          "(?i).*\\b((GNU )?(Affero |Lesser |Library )?General Public Licen[cs]e|(A|L)?GPL)\\b.*");

  private Licences() {}

  /**
   * True when the licence requires a GPL-family licence: an SPDX id of the family, a named licence
   * whose name says so, or an SPDX expression in which every {@code OR} alternative does ({@code
   * MIT OR GPL-2.0-only} leaves a choice and is not bound; {@code MIT AND GPL-3.0-only} is).
   */
  static boolean gplFamily(String licence) {
    String l = licence.strip();
    if (l.startsWith("name:")) {
      return GPL_NAME.matcher(l.substring(5)).matches();
    }
    List<String> tokens = tokens(l);
    if (tokens.size() == 1) {
      return GPL_ID.matcher(tokens.get(0)).matches();
    }
    try {
      Parser p = new Parser(tokens);
      boolean bound = p.or();
      if (p.pos != tokens.size()) {
        return anyGplToken(tokens);
      }
      return bound;
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      return anyGplToken(tokens);
    }
  }

  private static boolean anyGplToken(List<String> tokens) {
    return tokens.stream().anyMatch(t -> GPL_ID.matcher(t).matches());
  }

  private static List<String> tokens(String expression) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (c == '(' || c == ')' || Character.isWhitespace(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        if (c != ' ' && !Character.isWhitespace(c)) {
          out.add(String.valueOf(c));
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /**
   * SPDX expression grammar: or := and (OR and)*; and := with (AND with)*; with := atom [WITH id].
   */
  private static final class Parser {
    final List<String> tokens;
    int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    boolean or() {
      boolean all = and();
      while (pos < tokens.size() && is("OR")) {
        pos++;
        all &= and();
      }
      return all;
    }

    boolean and() {
      boolean any = with();
      while (pos < tokens.size() && is("AND")) {
        pos++;
        any |= with();
      }
      return any;
    }

    boolean with() {
      boolean atom = atom();
      if (pos < tokens.size() && is("WITH")) {
        pos += 2;
        if (pos > tokens.size()) {
          throw new IllegalStateException("WITH without an exception");
        }
      }
      return atom;
    }

    boolean atom() {
      String t = tokens.get(pos++);
      if (t.equals("(")) {
        boolean inner = or();
        if (!tokens.get(pos++).equals(")")) {
          throw new IllegalStateException("unbalanced");
        }
        return inner;
      }
      if (t.equals(")")) {
        throw new IllegalStateException("unbalanced");
      }
      return GPL_ID.matcher(t).matches();
    }

    private boolean is(String word) {
      return tokens.get(pos).toUpperCase(Locale.ROOT).equals(word);
    }
  }
}
