package io.souverix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.ExtendedKeyUsage;
import io.souverix.attestation.x509.KeyUsage;
import io.souverix.attestation.x509.SignatureCache;
import io.souverix.attestation.x509.TrustChainValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code souverix chain}: X.509 trust chains. Its {@code verify} subcommand implements the {@code
 * chain verify} contract (single call and {@code --batch}), so conformance runners can drive the
 * SDK's {@link TrustChainValidator} as a black box.
 */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    description = "X.509 trust chains.",
    subcommands = {ChainCommand.Verify.class})
final class ChainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: verify");
  }

  /** {@code souverix chain verify}: validates one leaf, or a JSONL batch of cases. */
  @Command(
      name = "verify",
      description = {
        "Validate an X.509 chain: --roots R.pem --leaf L.pem [--intermediates I.pem]"
            + " [--at RFC3339] [--hostname H] [--email E]... [--eku NAME|OID]..."
            + " [--key-usage NAME]... [--max-depth N] [--crls C.pem] --json",
        "or a batch: --batch CASES.jsonl --json (one result line per case).",
        "Exit 0 valid, 1 invalid, 2 usage error or unparseable input."
      })
  static final class Verify implements Callable<Integer> {
    private static final Set<String> VALUED =
        Set.of(
            "--roots",
            "--intermediates",
            "--leaf",
            "--at",
            "--hostname",
            "--email",
            "--eku",
            "--key-usage",
            "--max-depth",
            "--crls",
            "--batch");

    @Spec CommandSpec spec;

    @Unmatched List<String> args = new ArrayList<>();

    /** What one single call answers. */
    record Outcome(boolean valid, String reason, List<String> path, int exit) {
      static Outcome usage(String message) {
        return new Outcome(false, "usage-error: " + oneLine(message), List.of(), 2);
      }
    }

    /** A bad command line or a missing file (exit 2, usage-error). */
    static final class Usage extends Exception {
      private static final long serialVersionUID = 1L;

      Usage(String message) {
        super(message);
      }
    }

    /** Input that is not certificate or CRL PEM (exit 2, parse-error). */
    static final class Unparseable extends Exception {
      private static final long serialVersionUID = 1L;

      Unparseable(String message) {
        super(message);
      }
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (args.contains("--help") || args.contains("-h")) {
        spec.commandLine().usage(out);
        return 0;
      }
      int b = args.indexOf("--batch");
      if (b >= 0) {
        if (b + 1 >= args.size()) {
          print(out, null, Outcome.usage("--batch needs a file"));
          return 2;
        }
        return batch(out, Path.of(args.get(b + 1)));
      }
      Outcome o = single(args);
      print(out, null, o);
      return o.exit();
    }

    /**
     * What a batch reuses between its cases: certificate and CRL files already read (by path),
     * validators already built (by their configuration), and one signature cache shared by those
     * validators, so a certificate signature seen again in the batch (the same issuer key,
     * algorithm, tbsCertificate and signature) is not computed again. Every other check still runs
     * for every case. Thread-safe: cases of a batch are validated in parallel.
     */
    record Memo(
        Map<String, List<?>> files,
        Map<List<Object>, TrustChainValidator> validators,
        SignatureCache signatures) {
      /** Verified signatures a batch keeps at most (about 150 bytes each). */
      static final int SIGNATURE_CACHE_ENTRIES = 100_000;

      static Memo create() {
        return new Memo(
            new ConcurrentHashMap<>(),
            new ConcurrentHashMap<>(),
            SignatureCache.create(SIGNATURE_CACHE_ENTRIES));
      }
    }

    /** Cases validated at once in a batch at most: enough to keep every worker busy. */
    private static final int IN_FLIGHT_PER_WORKER = 64;

    private static int batch(PrintWriter out, Path file) throws IOException {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        print(out, null, Outcome.usage("no such file " + file));
        return 2;
      }
      Memo memo = Memo.create();
      int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
      if (workers == 1) {
        for (String line : lines) {
          if (!line.isBlank()) {
            printCase(out, batchCase(line, memo));
          }
        }
        return 0;
      }
      // Cases run on a bounded pool; results are printed strictly in input order, and at most
      // workers * IN_FLIGHT_PER_WORKER cases are pending at any time.
      ExecutorService pool =
          Executors.newFixedThreadPool(
              workers,
              r -> {
                Thread t = new Thread(r, "chain-verify-batch");
                t.setDaemon(true);
                return t;
              });
      try {
        Deque<Future<Map.Entry<String, Outcome>>> pending = new ArrayDeque<>();
        int window = workers * IN_FLIGHT_PER_WORKER;
        for (String line : lines) {
          if (line.isBlank()) {
            continue;
          }
          if (pending.size() >= window) {
            printCase(out, await(pending.removeFirst()));
          }
          pending.addLast(pool.submit(() -> batchCase(line, memo)));
        }
        while (!pending.isEmpty()) {
          printCase(out, await(pending.removeFirst()));
        }
      } finally {
        pool.shutdownNow();
      }
      return 0;
    }

    private static <T> T await(Future<T> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("batch interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    /** One batch line: its id ("" if it has none) and what the single call answers. */
    private static Map.Entry<String, Outcome> batchCase(String line, Memo memo) {
      String id = null;
      Outcome o;
      try {
        JsonNode n = Json.MAPPER.readTree(line);
        id = n.path("id").asText();
        List<String> a = new ArrayList<>();
        for (JsonNode x : n.path("args")) {
          a.add(x.asText());
        }
        o = single(a, memo);
      } catch (IOException e) {
        o = Outcome.usage("bad batch line: " + e.getMessage());
      }
      return Map.entry(id == null ? "" : id, o);
    }

    private static void printCase(PrintWriter out, Map.Entry<String, Outcome> c) {
      print(out, c.getKey(), c.getValue());
    }

    /** Runs one single call; never throws. */
    static Outcome single(List<String> a) {
      return single(a, null);
    }

    /** Runs one single call, reusing files and validators through {@code memo} if not null. */
    static Outcome single(List<String> a, Memo memo) {
      try {
        return verify(a, memo);
      } catch (Usage e) {
        return Outcome.usage(e.getMessage());
      } catch (Unparseable e) {
        return new Outcome(false, "parse-error: " + oneLine(e.getMessage()), List.of(), 2);
      } catch (RuntimeException e) {
        return new Outcome(false, "internal-error: " + oneLine(e.toString()), List.of(), 2);
      }
    }

    private static Outcome verify(List<String> a, Memo memo) throws Usage, Unparseable {
      String roots = null;
      String leaf = null;
      String ints = null;
      String crls = null;
      Instant at = null;
      String host = null;
      Integer maxDepth = null;
      List<String> emails = new ArrayList<>();
      List<ExtendedKeyUsage> ekus = new ArrayList<>();
      Set<KeyUsage> kus = EnumSet.noneOf(KeyUsage.class);
      for (int i = 0; i < a.size(); i++) {
        String flag = a.get(i);
        if (flag.equals("--json")) {
          continue;
        }
        if (!VALUED.contains(flag) || flag.equals("--batch")) {
          throw new Usage("unknown option " + flag);
        }
        if (i + 1 >= a.size()) {
          throw new Usage("missing value for " + flag);
        }
        String v = a.get(++i);
        switch (flag) {
          case "--roots" -> roots = v;
          case "--intermediates" -> ints = v;
          case "--leaf" -> leaf = v;
          case "--crls" -> crls = v;
          case "--at" -> at = time(v);
          case "--hostname" -> host = v;
          case "--email" -> emails.add(v);
          case "--eku" -> ekus.add(eku(v));
          case "--key-usage" ->
              kus.add(
                  KeyUsage.fromRfcName(v)
                      .orElseThrow(
                          () ->
                              new Usage(
                                  "unknown --key-usage "
                                      + v
                                      + "; expected an RFC 5280 name such as digitalSignature")));
          case "--max-depth" -> {
            try {
              maxDepth = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              throw new Usage("bad --max-depth " + v);
            }
            if (maxDepth < 0) {
              throw new Usage("bad --max-depth " + v);
            }
          }
          default -> throw new Usage("unknown option " + flag);
        }
      }
      if (roots == null || leaf == null) {
        throw new Usage("--roots and --leaf are required");
      }
      List<X509Certificate> anchors = certs(roots, memo);
      List<X509Certificate> leafs = certs(leaf, memo);
      if (leafs.size() != 1) {
        throw new Unparseable(
            "--leaf must hold exactly one certificate, but holds " + leafs.size());
      }
      List<X509Certificate> intermediates = ints == null ? List.of() : certs(ints, memo);
      List<X509CRL> revocation = crls == null ? List.of() : crls(crls, memo);
      if (anchors.isEmpty()) {
        return new Outcome(false, "no-path: no trust anchors", List.of(), 1);
      }
      Instant time = at != null ? at : Instant.now();
      List<Object> config =
          Arrays.asList(roots, crls, time, host, emails, ekus, List.copyOf(kus), maxDepth);
      TrustChainValidator reused = memo == null ? null : memo.validators().get(config);
      TrustChainValidator.Builder b =
          TrustChainValidator.newBuilder()
              .trustAnchors(anchors)
              .validationTime(time)
              .requiredExtendedKeyUsages(ekus)
              .requiredKeyUsages(kus)
              .expectedEmails(emails)
              .crls(revocation);
      if (memo != null) {
        b.signatureCache(memo.signatures());
      }
      if (host != null) {
        if (host.isEmpty()) {
          throw new Usage("empty --hostname");
        }
        b.expectedHostname(host);
      }
      if (maxDepth != null) {
        b.maxDepth(maxDepth);
      }
      TrustChainValidator validator = reused;
      if (validator == null) {
        try {
          validator = b.build();
        } catch (IllegalArgumentException e) {
          throw new Unparseable(e.getMessage());
        }
        if (memo != null) {
          TrustChainValidator first = memo.validators().putIfAbsent(config, validator);
          validator = first != null ? first : validator;
        }
      }
      ChainVerification v = validator.validate(leafs.get(0), intermediates);
      List<String> path = new ArrayList<>();
      for (X509Certificate c : v.path()) {
        path.add(c.getSubjectX500Principal().getName());
      }
      if (v.isValid()) {
        return new Outcome(true, "ok", path, 0);
      }
      String category =
          v.reason()
              .map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', '-'))
              .orElse("invalid");
      return new Outcome(false, category + ": " + oneLine(v.message()), path, 1);
    }

    private static Instant time(String v) throws Usage {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e) {
        throw new Usage("bad --at " + v + "; expected RFC 3339 such as 2024-01-01T00:00:00Z");
      }
    }

    private static ExtendedKeyUsage eku(String v) throws Usage {
      Optional<ExtendedKeyUsage> named = ExtendedKeyUsage.fromName(v);
      if (named.isPresent()) {
        return named.get();
      }
      try {
        return ExtendedKeyUsage.of(v);
      } catch (IllegalArgumentException ex) {
        throw new Usage("unknown --eku " + v + "; expected a name such as serverAuth or an OID");
      }
    }

    private static byte[] read(String file) throws Usage {
      try {
        return Files.readAllBytes(Path.of(file));
      } catch (IOException e) {
        throw new Usage("cannot read " + file + ": " + e.getMessage());
      }
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certs(String file, Memo memo) throws Usage, Unparseable {
      String key = "cert:" + file;
      if (memo != null && memo.files().containsKey(key)) {
        return (List<X509Certificate>) memo.files().get(key);
      }
      List<X509Certificate> read = List.copyOf(certs(file));
      if (memo != null) {
        memo.files().put(key, read);
      }
      return read;
    }

    @SuppressWarnings("unchecked")
    private static List<X509CRL> crls(String file, Memo memo) throws Usage, Unparseable {
      String key = "crl:" + file;
      if (memo != null && memo.files().containsKey(key)) {
        return (List<X509CRL>) memo.files().get(key);
      }
      List<X509CRL> read = List.copyOf(crls(file));
      if (memo != null) {
        memo.files().put(key, read);
      }
      return read;
    }

    private static List<X509Certificate> certs(String file) throws Usage, Unparseable {
      byte[] data = read(file);
      List<X509Certificate> out = new ArrayList<>();
      if (new String(data, StandardCharsets.US_ASCII).isBlank()) {
        return out;
      }
      try {
        for (Certificate c :
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(data))) {
          out.add((X509Certificate) c);
        }
      } catch (CertificateException | RuntimeException e) {
        throw new Unparseable(file + ": " + e.getMessage());
      }
      return out;
    }

    private static List<X509CRL> crls(String file) throws Usage, Unparseable {
      byte[] data = read(file);
      List<X509CRL> out = new ArrayList<>();
      if (new String(data, StandardCharsets.US_ASCII).isBlank()) {
        return out;
      }
      try {
        for (CRL c :
            CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(data))) {
          out.add((X509CRL) c);
        }
      } catch (java.security.cert.CRLException | CertificateException | RuntimeException e) {
        throw new Unparseable(file + ": " + e.getMessage());
      }
      return out;
    }

    private static void print(PrintWriter out, String id, Outcome o) {
      ObjectNode n = Json.object();
      if (id != null) {
        n.put("id", id);
      }
      n.put("valid", o.valid());
      n.put("reason", o.reason());
      ArrayNode p = n.putArray("path");
      o.path().forEach(p::add);
      if (id != null) {
        n.put("exit", o.exit());
      }
      Json.print(out, n);
    }

    private static String oneLine(String s) {
      return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
  }
}
