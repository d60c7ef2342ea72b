package io.souverix.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reading the drift input documents and writing the output documents, with the shared mapper. */
final class DriftJson {
  private static final BigDecimal MAX_COST_SECONDS = BigDecimal.valueOf(1_000_000_000L);

  private DriftJson() {}

  // ---- reading

  private static JsonNode root(String json, String what) throws DriftException {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new DriftException(
          DriftException.Code.MALFORMED_JSON,
          String.format(Locale.ROOT, "%s is not valid JSON: %s", what, e.getOriginalMessage()),
          e);
    }
    if (n == null || !n.isObject()) {
      throw new DriftException(
          DriftException.Code.MALFORMED_JSON,
          String.format(
              Locale.ROOT,
              "%s; expected a JSON object, but got %s",
              what,
              n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return n;
  }

  private static DriftException invalid(String path, String expected, @Nullable JsonNode got) {
    String shown =
        got == null || got.isMissingNode()
            ? "nothing"
            : got.isTextual() ? got.toString() : got.getNodeType().name().toLowerCase(Locale.ROOT);
    if (got != null && got.isNumber()) {
      shown = got.asText();
    }
    return new DriftException(
        DriftException.Code.INVALID_INPUT,
        String.format(Locale.ROOT, "%s; expected %s, but got %s", path, expected, shown));
  }

  private static JsonNode object(JsonNode parent, String field, String path) throws DriftException {
    JsonNode n = parent.path(field);
    if (!n.isObject()) {
      throw invalid(path, "an object", n);
    }
    return n;
  }

  private static @Nullable JsonNode optionalObject(JsonNode parent, String field, String path)
      throws DriftException {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw invalid(path, "an object", n);
    }
    return n;
  }

  private static JsonNode array(JsonNode parent, String field, String path, boolean required)
      throws DriftException {
    JsonNode n = parent.path(field);
    if (!required && (n.isMissingNode() || n.isNull())) {
      return Json.MAPPER.createArrayNode();
    }
    if (!n.isArray()) {
      throw invalid(path, "an array", n);
    }
    return n;
  }

  private static String text(JsonNode parent, String field, String path) throws DriftException {
    JsonNode n = parent.path(field);
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw invalid(path, "a non-empty string", n);
    }
    return n.asText();
  }

  private static @Nullable String optionalText(JsonNode parent, String field, String path)
      throws DriftException {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    return text(parent, field, path);
  }

  private static Instant time(JsonNode parent, String field, String path) throws DriftException {
    JsonNode n = parent.path(field);
    if (n.isTextual()) {
      try {
        return OffsetDateTime.parse(n.asText()).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw invalid(path, "an RFC 3339 time such as 2026-02-27T03:45:00Z", n);
  }

  private static @Nullable Instant optionalTime(JsonNode parent, String field, String path)
      throws DriftException {
    JsonNode n = parent.path(field);
    return n.isMissingNode() || n.isNull() ? null : time(parent, field, path);
  }

  private static long count(JsonNode parent, String field, String path) throws DriftException {
    JsonNode n = parent.path(field);
    if (n.isMissingNode()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
      throw invalid(path, "an integer >= 0", n);
    }
    return n.asLong();
  }

  private static BigDecimal number(JsonNode parent, String field, String path, String expected)
      throws DriftException {
    JsonNode n = parent.path(field);
    if (!n.isNumber()) {
      throw invalid(path, expected, n);
    }
    return n.decimalValue();
  }

  static FleetState fleet(String json) throws DriftException {
    JsonNode root = root(json, "fleet document");
    Instant now = time(root, "now", "now");
    JsonNode nodes = array(root, "nodes", "nodes", true);
    List<NodeState> out = new ArrayList<>(nodes.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      String p = "nodes[" + i + "]";
      JsonNode n = nodes.get(i);
      if (!n.isObject()) {
        throw invalid(p, "an object", n);
      }
      NodeState s = node(n, p);
      if (!ids.add(s.node())) {
        throw new DriftException(
            DriftException.Code.INVALID_INPUT,
            String.format(
                Locale.ROOT, "%s.node; expected a unique id, but got %s twice", p, s.node()));
      }
      out.add(s);
    }
    return new FleetState(now, out);
  }

  private static List<NodeState.SecurityFix> securityFixes(JsonNode component, String p)
      throws DriftException {
    JsonNode fs = array(component, "security_fixes", p, false);
    List<NodeState.SecurityFix> fixes = new ArrayList<>(fs.size());
    for (int i = 0; i < fs.size(); i++) {
      String fp = p + "[" + i + "]";
      JsonNode f = fs.get(i);
      if (!f.isObject()) {
        throw invalid(fp, "an object", f);
      }
      String severity = optionalText(f, "severity", fp + ".severity");
      Severity s =
          severity == null
              ? Severity.HIGH
              : label(Severity.class, severity, fp + ".severity", f.path("severity"));
      if (s == Severity.NONE) {
        throw invalid(fp + ".severity", "low, medium, high or critical", f.path("severity"));
      }
      fixes.add(new NodeState.SecurityFix(text(f, "version", fp + ".version"), s));
    }
    return fixes;
  }

  /** Reads a lower-case enum label such as {@code "high"}. */
  private static <E extends Enum<E>> E label(Class<E> type, String text, String path, JsonNode n)
      throws DriftException {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
        return e;
      }
    }
    StringBuilder names = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw invalid(path, "one of " + names, n);
  }

  private static NodeState node(JsonNode n, String p) throws DriftException {
    List<NodeState.Component> components = new ArrayList<>();
    JsonNode cs = array(n, "components", p + ".components", false);
    for (int i = 0; i < cs.size(); i++) {
      String cp = p + ".components[" + i + "]";
      JsonNode c = cs.get(i);
      if (!c.isObject()) {
        throw invalid(cp, "an object", c);
      }
      components.add(
          new NodeState.Component(
              text(c, "name", cp + ".name"),
              text(c, "desired", cp + ".desired"),
              optionalText(c, "actual", cp + ".actual"),
              securityFixes(c, cp + ".security_fixes")));
    }
    NodeState.Config config = null;
    JsonNode c = optionalObject(n, "config", p + ".config");
    if (c != null) {
      config =
          new NodeState.Config(
              fingerprints(object(c, "desired", p + ".config.desired")),
              fingerprints(object(c, "actual", p + ".config.actual")),
              optionalTime(c, "last_sync", p + ".config.last_sync"));
    }
    NodeState.Policy policy = null;
    JsonNode pol = optionalObject(n, "policy", p + ".policy");
    if (pol != null) {
      List<NodeState.PolicyResult> results = new ArrayList<>();
      JsonNode rs = array(pol, "results", p + ".policy.results", false);
      for (int i = 0; i < rs.size(); i++) {
        String rp = p + ".policy.results[" + i + "]";
        JsonNode r = rs.get(i);
        if (!r.isObject()) {
          throw invalid(rp, "an object", r);
        }
        JsonNode passed = r.path("passed");
        if (!passed.isBoolean()) {
          throw invalid(rp + ".passed", "true or false", passed);
        }
        double weight = 1.0;
        if (!r.path("weight").isMissingNode()) {
          BigDecimal w = number(r, "weight", rp + ".weight", "a number >= 0");
          if (w.signum() < 0 || Double.isInfinite(w.doubleValue())) {
            throw invalid(rp + ".weight", "a number >= 0", r.path("weight"));
          }
          weight = w.doubleValue();
        }
        results.add(
            new NodeState.PolicyResult(
                text(r, "policy", rp + ".policy"), passed.asBoolean(), weight));
      }
      String enforcement = optionalText(pol, "enforcement", p + ".policy.enforcement");
      policy =
          new NodeState.Policy(
              text(pol, "desired_version", p + ".policy.desired_version"),
              optionalText(pol, "actual_version", p + ".policy.actual_version"),
              results,
              enforcement == null
                  ? null
                  : label(
                      NodeState.Enforcement.class,
                      enforcement,
                      p + ".policy.enforcement",
                      pol.path("enforcement")));
    }
    return new NodeState(
        text(n, "node", p + ".node"),
        text(n, "cluster", p + ".cluster"),
        text(n, "region", p + ".region"),
        components,
        config,
        policy);
  }

  /** Each object's canonical JSON, so that formatting and member order never count as drift. */
  private static Map<String, String> fingerprints(JsonNode doc) {
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = doc.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), CanonicalJson.write(e.getValue()));
    }
    return out;
  }

  static SyncDebtRequest syncDebtRequest(String json) throws DriftException {
    JsonNode root = root(json, "sync-debt document");
    String node = text(root, "node", "node");
    Instant lastSync = time(root, "last_sync", "last_sync");
    Instant now = time(root, "current_time", "current_time");
    if (now.isBefore(lastSync)) {
      throw new DriftException(
          DriftException.Code.INVALID_INPUT,
          String.format(
              Locale.ROOT,
              "current_time; expected at or after last_sync %s, but got %s",
              lastSync,
              now));
    }
    JsonNode b = object(root, "backlog", "backlog");
    Backlog backlog =
        new Backlog(
            count(b, "messages", "backlog.messages"),
            count(b, "config_updates", "backlog.config_updates"),
            count(b, "policy_updates", "backlog.policy_updates"),
            count(b, "version_updates", "backlog.version_updates"));
    JsonNode r = object(root, "rates", "rates");
    BigDecimal perSecond =
        number(r, "messages_per_second", "rates.messages_per_second", "a number > 0");
    if (perSecond.signum() <= 0
        || Double.isInfinite(perSecond.doubleValue())
        || perSecond.doubleValue() == 0) {
      throw invalid("rates.messages_per_second", "a number > 0", r.path("messages_per_second"));
    }
    Duration observed =
        r.path("messages_observed_seconds").isMissingNode()
            ? Duration.ZERO
            : cost(r, "messages_observed_seconds");
    ReplayRate rate =
        observed.isZero()
            ? ReplayRate.withPrior(perSecond.doubleValue(), SyncDebtRequest.RATE_HALF_LIFE)
            : ReplayRate.measured(
                perSecond.doubleValue(), observed, SyncDebtRequest.RATE_HALF_LIFE);
    double costConfidence = 0;
    if (!r.path("cost_confidence").isMissingNode()) {
      BigDecimal c = number(r, "cost_confidence", "rates.cost_confidence", "a number in [0, 1]");
      if (c.signum() < 0 || c.compareTo(BigDecimal.ONE) > 0) {
        throw invalid("rates.cost_confidence", "a number in [0, 1]", r.path("cost_confidence"));
      }
      costConfidence = c.doubleValue();
    }
    ReplayCosts costs =
        new ReplayCosts(
            rate,
            cost(r, "config_update_seconds"),
            cost(r, "policy_update_seconds"),
            cost(r, "version_update_seconds"),
            costConfidence);
    SyncDebtRequest request = new SyncDebtRequest(node, lastSync, now, backlog, costs);
    try {
      request.compute().replayEta();
    } catch (ArithmeticException | DateTimeException e) {
      throw new DriftException(
          DriftException.Code.INVALID_INPUT,
          String.format(
              Locale.ROOT,
              "backlog and rates; expected a replay_eta before %s, but got an overflow",
              Instant.MAX),
          e);
    }
    return request;
  }

  private static Duration cost(JsonNode rates, String field) throws DriftException {
    String path = "rates." + field;
    BigDecimal s = number(rates, field, path, "a number of seconds >= 0");
    if (s.signum() < 0 || s.compareTo(MAX_COST_SECONDS) > 0) {
      throw invalid(path, "a number of seconds in [0, 1e9]", rates.path(field));
    }
    // Rounded up to the nanosecond: an estimate never undercuts the stated cost.
    BigDecimal nanos = s.movePointRight(9).setScale(0, RoundingMode.CEILING);
    return Duration.ofNanos(nanos.longValueExact());
  }

  // ---- writing

  static String analysis(DriftAnalysis a) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("now", a.now().toString());
    ArrayNode nodes = o.putArray("nodes");
    for (NodeDrift n : a.nodes()) {
      nodes.add(node(n));
    }
    ArrayNode clusters = o.putArray("clusters");
    a.clusters().forEach(c -> clusters.add(aggregate("cluster", c)));
    ArrayNode regions = o.putArray("regions");
    a.regions().forEach(r -> regions.add(aggregate("region", r)));
    o.set("fleet", aggregate(null, a.fleet()));
    return write(o);
  }

  private static ObjectNode node(NodeDrift n) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("node", n.node());
    o.put("cluster", n.cluster());
    o.put("region", n.region());
    o.put("score", n.score());
    o.put("severity", n.severity().label());
    ArrayNode versions = o.putArray("version_drift");
    for (VersionDrift v : n.versionDrift()) {
      ObjectNode x = versions.addObject();
      x.put("component", v.component());
      x.put("desired", v.desired());
      x.put("actual", v.actual());
      x.put("severity", v.severity().label());
      strings(x.putArray("missing_security_fixes"), v.missingSecurityFixes());
    }
    ObjectNode config = o.putObject("config_drift");
    ConfigDrift c = n.configDrift();
    config.put("objects", c == null ? 0 : c.objects());
    config.put("last_sync", c == null || c.lastSync() == null ? null : c.lastSync().toString());
    config.put("stale_by", c == null || c.staleBy() == null ? null : c.staleBy().toString());
    strings(config.putArray("missing"), c == null ? List.of() : c.missing());
    strings(config.putArray("extra"), c == null ? List.of() : c.extra());
    strings(config.putArray("different"), c == null ? List.of() : c.different());
    ObjectNode policy = o.putObject("policy_drift");
    PolicyDrift p = n.policyDrift();
    policy.put("policy_version", p == null ? null : p.desiredVersion());
    policy.put("actual_version", p == null ? null : p.actualVersion());
    policy.put("version_severity", (p == null ? Severity.NONE : p.versionSeverity()).label());
    policy.put("compliance_score", p == null ? 1.0 : p.complianceScore());
    policy.put(
        "enforcement", p == null || p.enforcement() == null ? null : p.enforcement().label());
    ArrayNode factors = o.putArray("factors");
    for (Factor f : n.factors()) {
      ObjectNode x = factors.addObject();
      x.put("factor", f.factor());
      x.put("weight", f.weight());
      x.put("drift", f.drift());
      x.put("contribution", f.contribution());
    }
    return o;
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static ObjectNode aggregate(@Nullable String kind, DriftAggregate g) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (kind != null) {
      o.put(kind, g.name());
    }
    o.put("nodes", g.nodes());
    ObjectNode by = o.putObject("by_severity");
    g.bySeverity().forEach((s, count) -> by.put(s.label(), count));
    o.put("score_p50", g.scoreP50());
    o.put("score_p95", g.scoreP95());
    strings(o.putArray("worst"), g.worst());
    return o;
  }

  static String syncDebt(SyncDebt d) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("node", d.node());
    o.put("last_sync", d.lastSync().toString());
    o.put("current_time", d.currentTime().toString());
    o.put("debt_hours", d.debtHours());
    o.put("debt", d.debt().toString());
    ObjectNode b = o.putObject("backlog");
    b.put("messages", d.backlog().messages());
    b.put("config_updates", d.backlog().configUpdates());
    b.put("policy_updates", d.backlog().policyUpdates());
    b.put("version_updates", d.backlog().versionUpdates());
    o.put("replay_eta", d.replayEta().toString());
    o.put("estimated_duration", d.estimatedDuration().toString());
    ObjectNode confidence = o.putObject("confidence");
    confidence.put("score", d.confidence().score());
    confidence.put("level", d.confidence().level());
    ObjectNode e = o.putObject("estimated_duration_by_class");
    e.put("messages", d.estimate().messages().toString());
    e.put("config_updates", d.estimate().configUpdates().toString());
    e.put("policy_updates", d.estimate().policyUpdates().toString());
    e.put("version_updates", d.estimate().versionUpdates().toString());
    return write(o);
  }

  private static String write(ObjectNode o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serialises; anything else is a bug here.
      throw new IllegalStateException("cannot write drift JSON: " + e.getOriginalMessage(), e);
    }
  }
}
