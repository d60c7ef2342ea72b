package io.souverix.drift.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.federation.FederationException;
import io.souverix.drift.federation.FieldUpdate;
import io.souverix.drift.federation.SyncRequest;
import io.souverix.drift.federation.SyncResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The payloads of the federation exchange over a transport, and its envelope sequences. */
final class SyncMessages {
  static final String REQUEST_TYPE = "souverix.sync-request/1";
  static final String RESPONSE_TYPE = "souverix.sync-response/1";

  private SyncMessages() {}

  /** A request as read: its id (the envelope's sequence) and the federation request. */
  record Request(long id, SyncRequest request) {}

  /** A response as read: the request it answers, and either the response or the refusal. */
  record Response(
      String region,
      long request,
      @Nullable SyncResponse response,
      FederationException.@Nullable Code code,
      String message) {}

  static byte[] request(long id, SyncRequest r) {
    ObjectNode o = Codec.object(REQUEST_TYPE);
    o.put("region", r.region());
    o.put("request", id);
    o.put("cursor", r.cursor());
    updates(o, r.updates());
    return Codec.bytes(o);
  }

  static Request readRequest(byte[] payload) {
    JsonNode o = Codec.read(payload, REQUEST_TYPE);
    return new Request(
        Codec.number(o, "request"),
        new SyncRequest(Codec.text(o, "region"), updates(o), Codec.number(o, "cursor")));
  }

  static byte[] response(String region, long request, SyncResponse r) {
    ObjectNode o = Codec.object(RESPONSE_TYPE);
    o.put("region", region);
    o.put("request", request);
    o.put("cursor", r.cursor());
    updates(o, r.updates());
    return Codec.bytes(o);
  }

  static byte[] refusal(String region, long request, FederationException.Code code, String msg) {
    ObjectNode o = Codec.object(RESPONSE_TYPE);
    o.put("region", region);
    o.put("request", request);
    ObjectNode err = o.putObject("error");
    err.put("code", code.name());
    err.put("message", msg);
    return Codec.bytes(o);
  }

  static Response readResponse(byte[] payload) {
    JsonNode o = Codec.read(payload, RESPONSE_TYPE);
    String region = Codec.text(o, "region");
    long request = Codec.number(o, "request");
    JsonNode err = o.get("error");
    if (err != null && !err.isNull()) {
      return new Response(
          region,
          request,
          null,
          FederationException.Code.valueOf(Codec.text(err, "code")),
          Codec.text(err, "message"));
    }
    return new Response(
        region, request, new SyncResponse(updates(o), Codec.number(o, "cursor")), null, "");
  }

  private static void updates(ObjectNode o, List<FieldUpdate> updates) {
    ArrayNode a = o.putArray("updates");
    for (FieldUpdate u : updates) {
      a.add(Codec.update(u));
    }
  }

  private static List<FieldUpdate> updates(JsonNode o) {
    JsonNode a = Codec.member(o, "updates");
    if (!a.isArray()) {
      throw new IllegalArgumentException("updates; expected an array, but got " + a);
    }
    List<FieldUpdate> out = new ArrayList<>();
    for (JsonNode u : a) {
      out.add(Codec.update(u));
    }
    return out;
  }

  /**
   * The next envelope sequence for a key: after the last one, and at least the clock's millis, so
   * that a sender restarted without memory of its last sequence still never reuses one (given a
   * clock that does not step back by more than the time it was down).
   */
  static long next(Map<String, Long> last, String key, Clock clock) {
    long n = Math.max(last.getOrDefault(key, 0L) + 1, Math.max(1, clock.millis()));
    last.put(key, n);
    return n;
  }
}
