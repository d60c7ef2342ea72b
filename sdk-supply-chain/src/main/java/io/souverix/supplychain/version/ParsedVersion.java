package io.souverix.supplychain.version;

/**
 * A version as one grammar reads it: ordered within its grammar, with a canonical text that is
 * equal exactly when two versions compare as equal (so that equality and hashing agree with the
 * order).
 */
interface ParsedVersion {
  /** Compares with a version of the same grammar. */
  int compareTo(ParsedVersion other);

  /** The canonical text: equal iff {@link #compareTo} is zero. */
  String canonical();
}
