package io.souverix.policy.opa;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test double of an Open Policy Agent server: an HTTP server on 127.0.0.1 that speaks OPA's REST
 * Data API ({@code POST /v1/data/{path}} with {@code {"input": ...}}, answered {@code {"result":
 * ...}}, or {@code {}} when the document is undefined, or OPA's {@code {"code", "message"}} error
 * document). The OPA binary cannot be installed where this SDK is built, so policies here are Java
 * functions of the input instead of Rego; scripted responses (status and body) simulate failures.
 */
final class OpaTestDouble implements AutoCloseable {
  /** A scripted HTTP answer. {@code hang} holds the exchange until the double closes. */
  record Answer(int status, String body, boolean hang) {
    static Answer json(int status, String body) {
      return new Answer(status, body, false);
    }

    static Answer result(String resultJson) {
      return new Answer(200, "{\"decision_id\":\"d-1\",\"result\":" + resultJson + "}", false);
    }

    static Answer undefined() {
      return new Answer(200, "{}", false);
    }

    static Answer hanging() {
      return new Answer(0, "", true);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Function<JsonNode, Answer>> policies = new ConcurrentHashMap<>();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  OpaTestDouble() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/data/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Serves {@code path} with a policy computed from the input. */
  OpaTestDouble policy(String path, Function<JsonNode, Answer> policy) {
    policies.put(path, policy);
    return this;
  }

  /** Queues answers for {@code path}, served before its policy, one per request. */
  OpaTestDouble script(String path, Answer... answers) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  List<String> bodies() {
    return bodies;
  }

  List<String> authorizations() {
    return authorizations;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring("/v1/data/".length());
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      bodies.add(body);
      Answer answer;
      if (!"POST".equals(ex.getRequestMethod())) {
        answer = Answer.json(405, "{\"code\":\"invalid_parameter\",\"message\":\"POST only\"}");
      } else {
        answer = next(path, body);
      }
      if (answer.hang()) {
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Answer next(String path, String body) {
    Deque<Answer> script = scripts.get(path);
    if (script != null) {
      synchronized (script) {
        Answer a = script.poll();
        if (a != null) {
          return a;
        }
      }
    }
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return Answer.json(
          400, "{\"code\":\"invalid_parameter\",\"message\":\"body contains malformed input\"}");
    }
    Function<JsonNode, Answer> policy = policies.get(path);
    // OPA: a path no rule defines is undefined, not an error.
    return policy == null ? Answer.undefined() : policy.apply(request.path("input"));
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
