package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.Payload;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Cheap reads of payload fields for projections: no Optional chains in the hot path. */
final class Payloads {
  private Payloads() {}

  static @Nullable String text(Payload p, String path) {
    return p.text(path).orElse(null);
  }

  static String textOr(Payload p, String path, String fallback) {
    return p.text(path).orElse(fallback);
  }

  /** Reads an array of strings; absent or not an array gives an empty list. */
  static List<String> strings(Payload p, String field) {
    if (!p.has(field)) {
      return List.of();
    }
    Object v = p.toMap().get(field);
    if (!(v instanceof List<?>)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      if (o != null) {
        out.add(o.toString());
      }
    }
    return List.copyOf(out);
  }
}
