package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.QuoteException.Code;

/**
 * A bounded reader of TPM structures: every length is checked against the remaining input and a
 * maximum, and a violation is a {@link Code#PARSE_ERROR}. Big endian (the TPM's marshalling) or
 * little endian (tpm2-tools' serialized C structures, event logs).
 */
final class Marshal {
  private final byte[] in;
  private final String what;
  private final boolean bigEndian;
  private int pos;

  private Marshal(byte[] in, String what, boolean bigEndian) {
    this.in = in;
    this.what = what;
    this.bigEndian = bigEndian;
  }

  static Marshal bigEndian(byte[] in, String what) {
    return new Marshal(in, what, true);
  }

  static Marshal littleEndian(byte[] in, String what) {
    return new Marshal(in, what, false);
  }

  int position() {
    return pos;
  }

  int remaining() {
    return in.length - pos;
  }

  private void need(int n, String field) throws QuoteException {
    if (n < 0 || n > remaining()) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "%s truncated at %s (offset %d); expected %d more bytes, but got %d",
          what,
          field,
          pos,
          n,
          remaining());
    }
  }

  int u8(String field) throws QuoteException {
    need(1, field);
    return in[pos++] & 0xFF;
  }

  int u16(String field) throws QuoteException {
    need(2, field);
    int a = in[pos] & 0xFF;
    int b = in[pos + 1] & 0xFF;
    pos += 2;
    return bigEndian ? (a << 8) | b : (b << 8) | a;
  }

  long u32(String field) throws QuoteException {
    need(4, field);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int b = in[pos + (bigEndian ? i : 3 - i)] & 0xFF;
      v = (v << 8) | b;
    }
    pos += 4;
    return v;
  }

  long u64(String field) throws QuoteException {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      int b = in[pos + (bigEndian ? i : 7 - i)] & 0xFF;
      v = (v << 8) | b;
    }
    pos += 8;
    return v;
  }

  byte[] bytes(int n, String field) throws QuoteException {
    need(n, field);
    byte[] out = new byte[n];
    System.arraycopy(in, pos, out, 0, n);
    pos += n;
    return out;
  }

  void skip(int n, String field) throws QuoteException {
    need(n, field);
    pos += n;
  }

  /** A TPM2B: a 16-bit size, at most {@code max}, then that many bytes. */
  byte[] sized(int max, String field) throws QuoteException {
    int size = u16(field + " size");
    if (size > max) {
      throw QuoteException.of(
          Code.PARSE_ERROR, "%s %s size; expected at most %d, but got %d", what, field, max, size);
    }
    return bytes(size, field);
  }

  /** A 32-bit count, at most {@code max}. */
  int count(long max, String field) throws QuoteException {
    long n = u32(field);
    if (n > max) {
      throw QuoteException.of(
          Code.PARSE_ERROR, "%s %s; expected at most %d, but got %d", what, field, max, n);
    }
    return (int) n;
  }

  void end() throws QuoteException {
    if (remaining() != 0) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "%s length; expected %d bytes, but got %d (trailing bytes)",
          what,
          pos,
          in.length);
    }
  }
}
