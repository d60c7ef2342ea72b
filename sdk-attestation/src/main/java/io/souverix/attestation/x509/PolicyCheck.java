package io.souverix.attestation.x509;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.jspecify.annotations.Nullable;

/**
 * Certificate policy processing of RFC 5280 section 6.1 with an explicit valid_policy_tree:
 * certificatePolicies, policyMappings, policyConstraints and inhibitAnyPolicy of every certificate
 * below the trust anchor (the anchor's own extensions are not processed, as RFC 5280 treats the
 * anchor as input rather than part of the path). Policy qualifiers are ignored.
 */
final class PolicyCheck {
  static final String ANY_POLICY = "2.5.29.32.0";

  /** Tree nodes created per validation at most (policy-mapping fan-out is a known DoS vector). */
  static final int MAX_NODES = 10_000;

  /** The initial inputs of RFC 5280 6.1.1 (c) and (e) to (g). */
  record Options(
      Set<String> initialPolicies,
      boolean explicitPolicy,
      boolean policyMappingInhibit,
      boolean anyPolicyInhibit) {
    static final Options DEFAULT = new Options(Set.of(ANY_POLICY), false, false, false);

    boolean isDefault() {
      return equals(DEFAULT);
    }
  }

  /** The authorities- and user-constrained policy sets of a path that passed. */
  record Result(Set<String> authorities, Set<String> user) {}

  private static final class Node {
    final String policy;
    Set<String> expected;
    final @Nullable Node parent;
    final List<Node> children = new ArrayList<>();
    final int depth;

    Node(String policy, Set<String> expected, @Nullable Node parent) {
      this.policy = policy;
      this.expected = expected;
      this.parent = parent;
      this.depth = parent == null ? 0 : parent.depth + 1;
    }
  }

  private final Options options;
  private List<List<Node>> levels = new ArrayList<>(); // empty = the NULL tree
  private int created;

  private PolicyCheck(Options options) {
    this.options = options;
  }

  /**
   * Runs policy processing on {@code path}, leaf first and trust anchor last.
   *
   * @throws Problem POLICY_VIOLATION, PARSE_ERROR or RESOURCE_LIMIT
   */
  static Result run(List<ParsedCert> path, Options options) throws Problem {
    return new PolicyCheck(options).process(path);
  }

  private Result process(List<ParsedCert> path) throws Problem {
    int n = path.size() - 1;
    levels.add(new ArrayList<>(List.of(new Node(ANY_POLICY, Set.of(ANY_POLICY), null))));
    created = 1;
    int explicit = options.explicitPolicy() ? 0 : n + 1;
    int inhibitAny = options.anyPolicyInhibit() ? 0 : n + 1;
    int mapping = options.policyMappingInhibit() ? 0 : n + 1;
    Ext last = null;
    for (int i = 1; i <= n; i++) {
      ParsedCert c = path.get(n - i);
      Ext e = Ext.of(c);
      last = e;
      boolean isLast = i == n;
      // 6.1.3 (d), (e)
      if (e.policies != null && !levels.isEmpty()) {
        List<Node> prev = levels.get(i - 1);
        levels.add(new ArrayList<>());
        for (String p : e.policies) {
          if (p.equals(ANY_POLICY)) {
            continue;
          }
          boolean matched = false;
          for (Node nd : prev) {
            if (nd.expected.contains(p)) {
              add(nd, p, Set.of(p));
              matched = true;
            }
          }
          if (!matched) {
            for (Node nd : prev) {
              if (nd.policy.equals(ANY_POLICY)) {
                add(nd, p, Set.of(p));
              }
            }
          }
        }
        if (e.policies.contains(ANY_POLICY) && (inhibitAny > 0 || (!isLast && c.selfIssued))) {
          for (Node nd : prev) {
            for (String x : nd.expected) {
              boolean has = false;
              for (Node ch : nd.children) {
                has |= ch.policy.equals(x);
              }
              if (!has) {
                add(nd, x, Set.of(x));
              }
            }
          }
        }
        prune(i - 1);
      } else {
        levels = new ArrayList<>();
      }
      // 6.1.3 (f)
      if (explicit <= 0 && levels.isEmpty()) {
        throw Problem.of(
            ReasonCode.POLICY_VIOLATION,
            "certificate-policies",
            "an explicit policy is required, but no policy is valid at '%s'",
            c.subjectText());
      }
      if (isLast) {
        break;
      }
      // 6.1.4 (a), (b)
      if (e.mappings != null) {
        for (Map.Entry<String, Set<String>> m : e.mappings.entrySet()) {
          if (m.getKey().equals(ANY_POLICY) || m.getValue().contains(ANY_POLICY)) {
            throw Problem.of(
                ReasonCode.POLICY_VIOLATION,
                "policy-mappings",
                "'%s' maps to or from anyPolicy",
                c.subjectText());
          }
        }
        if (!levels.isEmpty()) {
          List<Node> level = levels.get(i);
          if (mapping > 0) {
            for (Map.Entry<String, Set<String>> m : e.mappings.entrySet()) {
              boolean found = false;
              Node any = null;
              for (Node nd : level) {
                if (nd.policy.equals(m.getKey())) {
                  nd.expected = m.getValue();
                  found = true;
                } else if (nd.policy.equals(ANY_POLICY)) {
                  any = nd;
                }
              }
              if (!found && any != null && any.parent != null) {
                add(any.parent, m.getKey(), m.getValue());
              }
            }
          } else {
            for (Node nd : new ArrayList<>(level)) {
              if (e.mappings.containsKey(nd.policy)) {
                delete(nd);
              }
            }
            prune(i - 1);
          }
        }
      }
      // 6.1.4 (h), (i), (j)
      if (!c.selfIssued) {
        explicit = Math.max(0, explicit - 1);
        mapping = Math.max(0, mapping - 1);
        inhibitAny = Math.max(0, inhibitAny - 1);
      }
      if (e.requireExplicit != null && e.requireExplicit < explicit) {
        explicit = e.requireExplicit;
      }
      if (e.inhibitMapping != null && e.inhibitMapping < mapping) {
        mapping = e.inhibitMapping;
      }
      if (e.inhibitAny != null && e.inhibitAny < inhibitAny) {
        inhibitAny = e.inhibitAny;
      }
    }
    // 6.1.5 (a), (b)
    explicit = Math.max(0, explicit - 1);
    if (last != null && last.requireExplicit != null && last.requireExplicit == 0) {
      explicit = 0;
    }
    Set<String> authorities = validPolicies();
    // 6.1.5 (g)
    if (!levels.isEmpty() && !options.initialPolicies().contains(ANY_POLICY)) {
      Set<String> user = options.initialPolicies();
      for (Node nd : validNodeSet()) {
        if (!user.contains(nd.policy) && !nd.policy.equals(ANY_POLICY)) {
          delete(nd);
        }
      }
      if (levels.size() == n + 1) {
        Node anyLeaf = null;
        for (Node nd : levels.get(n)) {
          if (nd.policy.equals(ANY_POLICY)) {
            anyLeaf = nd;
          }
        }
        if (anyLeaf != null && anyLeaf.parent != null) {
          Set<String> present = validPolicies();
          for (String p : user) {
            if (!present.contains(p)) {
              add(anyLeaf.parent, p, Set.of(p));
            }
          }
          delete(anyLeaf);
        }
      }
      prune(n - 1);
      if (!levels.isEmpty() && levels.size() < n + 1) {
        levels = new ArrayList<>();
      }
    }
    Set<String> userSet = validPolicies();
    if (explicit <= 0 && levels.isEmpty()) {
      throw Problem.of(
          ReasonCode.POLICY_VIOLATION,
          "certificate-policies",
          "an explicit policy is required, but no acceptable policy is valid for the path"
              + " (authorities allow %s, acceptable %s)",
          authorities.isEmpty() ? "none" : authorities,
          options.initialPolicies());
    }
    return new Result(authorities, userSet);
  }

  private void add(Node parent, String policy, Set<String> expected) throws Problem {
    if (++created > MAX_NODES) {
      throw Problem.of(
          ReasonCode.RESOURCE_LIMIT,
          "certificate-policies",
          "more than %d policy tree nodes",
          MAX_NODES);
    }
    Node nd = new Node(policy, Set.copyOf(expected), parent);
    parent.children.add(nd);
    while (levels.size() <= nd.depth) {
      levels.add(new ArrayList<>());
    }
    levels.get(nd.depth).add(nd);
  }

  private void delete(Node nd) {
    for (Node ch : new ArrayList<>(nd.children)) {
      delete(ch);
    }
    if (nd.parent != null) {
      nd.parent.children.remove(nd);
    }
    levels.get(nd.depth).remove(nd);
  }

  /** Deletes childless nodes at depth {@code top} and above, bottom up; may empty the tree. */
  private void prune(int top) {
    if (levels.isEmpty()) {
      return;
    }
    for (int d = Math.min(top, levels.size() - 1); d >= 0; d--) {
      for (Node nd : new ArrayList<>(levels.get(d))) {
        if (nd.children.isEmpty()) {
          delete(nd);
        }
      }
    }
    if (levels.get(0).isEmpty()) {
      levels = new ArrayList<>();
    }
  }

  /** The nodes whose parent is an anyPolicy node (RFC 5280 6.1.5 (g)(i)). */
  private List<Node> validNodeSet() {
    List<Node> out = new ArrayList<>();
    for (List<Node> level : levels) {
      for (Node nd : level) {
        if (nd.parent != null && nd.parent.policy.equals(ANY_POLICY)) {
          out.add(nd);
        }
      }
    }
    return out;
  }

  /**
   * The policies of the valid policy node set, where an anyPolicy node counts only at the leaf's
   * depth (an anyPolicy node higher up only stands for the specific policies below it).
   */
  private Set<String> validPolicies() {
    Set<String> out = new LinkedHashSet<>();
    int n = levels.size() - 1;
    for (Node nd : validNodeSet()) {
      if (!nd.policy.equals(ANY_POLICY) || nd.depth == n) {
        out.add(nd.policy);
      }
    }
    return out;
  }

  /** The policy extensions of one certificate. */
  private record Ext(
      @Nullable Set<String> policies,
      @Nullable Map<String, Set<String>> mappings,
      @Nullable Integer requireExplicit,
      @Nullable Integer inhibitMapping,
      @Nullable Integer inhibitAny) {
    static Ext of(ParsedCert c) throws Problem {
      Extensions ext = c.bc.getTBSCertificate().getExtensions();
      if (ext == null) {
        return new Ext(null, null, null, null, null);
      }
      try {
        Set<String> policies = null;
        Extension e = ext.getExtension(Extension.certificatePolicies);
        if (e != null) {
          policies = new LinkedHashSet<>();
          for (PolicyInformation pi :
              CertificatePolicies.getInstance(e.getParsedValue()).getPolicyInformation()) {
            policies.add(pi.getPolicyIdentifier().getId());
          }
        }
        Map<String, Set<String>> mappings = null;
        e = ext.getExtension(Extension.policyMappings);
        if (e != null) {
          mappings = new LinkedHashMap<>();
          for (ASN1Encodable m : ASN1Sequence.getInstance(e.getParsedValue())) {
            ASN1Sequence pair = ASN1Sequence.getInstance(m);
            String from = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
            String to = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId();
            mappings.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
          }
        }
        Integer requireExplicit = null;
        Integer inhibitMapping = null;
        PolicyConstraints pc = PolicyConstraints.fromExtensions(ext);
        if (pc != null) {
          requireExplicit = small(pc.getRequireExplicitPolicyMapping());
          inhibitMapping = small(pc.getInhibitPolicyMapping());
        }
        Integer inhibitAny = null;
        e = ext.getExtension(Extension.inhibitAnyPolicy);
        if (e != null) {
          inhibitAny = small(ASN1Integer.getInstance(e.getParsedValue()).getValue());
        }
        return new Ext(policies, mappings, requireExplicit, inhibitMapping, inhibitAny);
      } catch (RuntimeException ex) {
        throw Problem.of(
            ReasonCode.PARSE_ERROR,
            "certificate-policies",
            "policy extension of '%s' not parseable: %s",
            c.subjectText(),
            ex.getMessage());
      }
    }

    private static @Nullable Integer small(@Nullable BigInteger v) {
      if (v == null) {
        return null;
      }
      if (v.signum() < 0) {
        throw new IllegalArgumentException("negative SkipCerts " + v);
      }
      return v.min(BigInteger.valueOf(1_000)).intValue();
    }
  }
}
