package io.souverix.drift.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.internal.Json;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The JSON form of a {@link RolloutPlan}: strict reading with defaults, complete writing. */
final class PlanJson {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private PlanJson() {}

  static RolloutPlan parse(String json) throws RolloutException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RolloutException(
          RolloutException.Code.MALFORMED_PLAN,
          "the rollout plan is not valid JSON: " + e.getOriginalMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new RolloutException(
          RolloutException.Code.MALFORMED_PLAN,
          "the rollout plan; expected a JSON object, but got "
              + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    try {
      return read(root);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new RolloutException(
          RolloutException.Code.INVALID_PLAN, "the rollout plan is invalid: " + e.getMessage(), e);
    }
  }

  private static RolloutPlan read(JsonNode root) {
    only(root, "", "rollout_id", "change", "source", "targets", "waves", "policy", "windows");
    JsonNode c = object(root, "change");
    only(c, "change.", "component", "kind", "version");
    DesiredChange change =
        new DesiredChange(
            text(c, "change.component"),
            enumOf(ChangeKind.class, text(c, "change.kind"), "change.kind"),
            text(c, "change.version"));
    RolloutPlan.Builder b = RolloutPlan.newBuilder(text(root, "rollout_id"), change);
    if (root.has("source")) {
      b.source(text(root, "source"));
    }
    int i = 0;
    for (JsonNode t : array(root, "targets", true)) {
      String at = "targets[" + i++ + "].";
      requireObject(t, at);
      only(t, at, "node", "region", "last_good_version");
      b.target(
          new Target(
              text(t, at + "node"),
              optionalText(t, at + "region"),
              optionalText(t, at + "last_good_version")));
    }
    i = 0;
    for (JsonNode w : array(root, "waves", false)) {
      String at = "waves[" + i++ + "].";
      requireObject(w, at);
      only(w, at, "kind", "size");
      b.wave(
          new WaveSpec(
              enumOf(WaveSpec.Kind.class, text(w, at + "kind"), at + "kind"),
              integer(w, at + "size")));
    }
    if (root.has("policy")) {
      b.policy(policy(object(root, "policy")));
    }
    i = 0;
    for (JsonNode w : array(root, "windows", false)) {
      String at = "windows[" + i++ + "].";
      requireObject(w, at);
      only(w, at, "node", "region", "days", "start", "end", "zone");
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      int d = 0;
      for (JsonNode day : array(w, at + "days", false)) {
        String dayAt = at + "days[" + d++ + "]";
        if (!day.isTextual()) {
          throw invalid(dayAt, "a day name such as MONDAY", day);
        }
        days.add(enumOf(DayOfWeek.class, day.textValue(), dayAt));
      }
      b.window(
          new MaintenanceWindow(
              optionalText(w, at + "node"),
              optionalText(w, at + "region"),
              days,
              time(w, at + "start"),
              time(w, at + "end"),
              w.has("zone") ? ZoneId.of(text(w, at + "zone")) : ZoneId.of("UTC")));
    }
    return b.build();
  }

  private static FailurePolicy policy(JsonNode p) {
    only(
        p,
        "policy.",
        "max_failure_rate",
        "window",
        "min_sample",
        "on_breach",
        "rollback_on_abort",
        "health_timeout");
    FailurePolicy d = FailurePolicy.defaults();
    double rate = d.maxFailureRate();
    if (p.has("max_failure_rate")) {
      JsonNode r = p.get("max_failure_rate");
      if (!r.isNumber()) {
        throw invalid("policy.max_failure_rate", "a number from 0 to 1", r);
      }
      rate = r.doubleValue();
    }
    boolean rollback = d.rollbackOnAbort();
    if (p.has("rollback_on_abort")) {
      JsonNode r = p.get("rollback_on_abort");
      if (!r.isBoolean()) {
        throw invalid("policy.rollback_on_abort", "a boolean", r);
      }
      rollback = r.booleanValue();
    }
    return new FailurePolicy(
        rate,
        p.has("window") ? duration(p, "policy.window") : d.window(),
        p.has("min_sample") ? integer(p, "policy.min_sample") : d.minSample(),
        p.has("on_breach")
            ? enumOf(
                FailurePolicy.BreachAction.class, text(p, "policy.on_breach"), "policy.on_breach")
            : d.onBreach(),
        rollback,
        p.has("health_timeout") ? duration(p, "policy.health_timeout") : d.healthTimeout());
  }

  static Payload toPayload(RolloutPlan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rollout_id", plan.rolloutId());
    m.put(
        "change",
        Map.of(
            "component", plan.change().component(),
            "kind", plan.change().kind().jsonName(),
            "version", plan.change().version()));
    m.put("source", plan.source());
    List<Object> targets = new ArrayList<>();
    for (Target t : plan.targets()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("node", t.node());
      if (t.region() != null) {
        o.put("region", t.region());
      }
      if (t.lastGoodVersion() != null) {
        o.put("last_good_version", t.lastGoodVersion());
      }
      targets.add(o);
    }
    m.put("targets", targets);
    List<Object> waves = new ArrayList<>();
    for (WaveSpec w : plan.waves()) {
      waves.add(Map.of("kind", w.kind().name().toLowerCase(Locale.ROOT), "size", w.size()));
    }
    m.put("waves", waves);
    FailurePolicy p = plan.policy();
    m.put(
        "policy",
        Map.of(
            "max_failure_rate", p.maxFailureRate(),
            "window", p.window().toString(),
            "min_sample", p.minSample(),
            "on_breach", p.onBreach().name().toLowerCase(Locale.ROOT),
            "rollback_on_abort", p.rollbackOnAbort(),
            "health_timeout", p.healthTimeout().toString()));
    List<Object> windows = new ArrayList<>();
    for (MaintenanceWindow w : plan.windows()) {
      Map<String, Object> o = new LinkedHashMap<>();
      if (w.node() != null) {
        o.put("node", w.node());
      }
      if (w.region() != null) {
        o.put("region", w.region());
      }
      o.put("days", w.days().stream().sorted().map(Enum::name).toList());
      o.put("start", HH_MM.format(w.start()));
      o.put("end", HH_MM.format(w.end()));
      o.put("zone", w.zone().getId());
      windows.add(o);
    }
    m.put("windows", windows);
    return Payload.of(m);
  }

  // ---- reading helpers

  private static void only(JsonNode o, String at, String... names) {
    Set<String> allowed = Set.of(names);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (!allowed.contains(n)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s%s; expected one of %s, but got an unknown member",
                at,
                n,
                String.join(", ", names)));
      }
    }
  }

  private static JsonNode object(JsonNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || !n.isObject()) {
      throw invalid(name, "an object", n);
    }
    return n;
  }

  private static void requireObject(JsonNode n, String at) {
    if (!n.isObject()) {
      throw invalid(at.substring(0, at.length() - 1), "an object", n);
    }
  }

  private static JsonNode array(JsonNode o, String path, boolean required) {
    String name = last(path);
    JsonNode n = o.get(name);
    if (n == null && !required) {
      return Json.MAPPER.createArrayNode();
    }
    if (n == null || !n.isArray()) {
      throw invalid(path, "an array", n);
    }
    return n;
  }

  private static String text(JsonNode o, String path) {
    JsonNode n = o.get(last(path));
    if (n == null || !n.isTextual()) {
      throw invalid(path, "a string", n);
    }
    return n.textValue();
  }

  private static @Nullable String optionalText(JsonNode o, String path) {
    return o.has(last(path)) ? text(o, path) : null;
  }

  private static int integer(JsonNode o, String path) {
    JsonNode n = o.get(last(path));
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw invalid(path, "an integer", n);
    }
    return n.intValue();
  }

  private static Duration duration(JsonNode o, String path) {
    String s = text(o, path);
    try {
      return Duration.parse(s);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%s; expected an ISO 8601 duration such as PT1H, but got '%s'", path, s),
          e);
    }
  }

  private static LocalTime time(JsonNode o, String path) {
    String s = text(o, path);
    try {
      return LocalTime.parse(s, HH_MM);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected HH:MM, but got '%s'", path, s), e);
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String path) {
    for (E e : type.getEnumConstants()) {
      String json = e.name().toLowerCase(Locale.ROOT);
      if (json.equals(value) || e.name().equals(value)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(type == DayOfWeek.class ? e.name() : e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s; expected one of %s, but got '%s'",
            path,
            String.join(", ", names),
            value));
  }

  private static String last(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static IllegalArgumentException invalid(
      String path, String expected, @Nullable JsonNode got) {
    String shown =
        got == null || got.isMissingNode()
            ? "nothing"
            : got.getNodeType().name().toLowerCase(Locale.ROOT);
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s; expected %s, but got %s", path, expected, shown));
  }
}
