package io.souverix.attestation.tpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes crypto-agile TCG event logs with one SHA-256 bank, byte for byte as
 * scripts/tpm-fixtures.sh does: tests re-serialize the fixture log with one measurement changed.
 */
final class LogBuilder {
  /** One TCG_PCR_EVENT2. */
  record Ev(int pcr, long type, byte[] sha256, byte[] data) {
    Ev withDigest(byte[] d) {
      return new Ev(pcr, type, d, data);
    }

    Ev withData(byte[] d) {
      return new Ev(pcr, type, sha256, d);
    }
  }

  private LogBuilder() {}

  /** The events of a parsed log, without its Spec ID header. */
  static List<Ev> events(EventLog log) {
    List<Ev> out = new ArrayList<>();
    for (TpmEvent e : log.events().subList(1, log.events().size())) {
      out.add(new Ev(e.pcr(), e.type(), e.digest(TpmHash.SHA256).orElseThrow(), e.data()));
    }
    return out;
  }

  static byte[] write(List<Ev> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer spec = le(16 + 8 + 4 + 4 + 1);
    spec.put("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII));
    spec.putInt(0).put((byte) 0).put((byte) 2).put((byte) 0).put((byte) 2);
    spec.putInt(1).putShort((short) 0x000B).putShort((short) 32);
    spec.put((byte) 0);
    ByteBuffer header = le(8 + 20 + 4);
    header.putInt(0).putInt(3).put(new byte[20]).putInt(spec.capacity());
    out.writeBytes(header.array());
    out.writeBytes(spec.array());
    for (Ev e : events) {
      ByteBuffer b = le(8 + 4 + 2 + e.sha256().length + 4);
      b.putInt(e.pcr()).putInt((int) e.type()).putInt(1).putShort((short) 0x000B);
      b.put(e.sha256()).putInt(e.data().length);
      out.writeBytes(b.array());
      out.writeBytes(e.data());
    }
    return out.toByteArray();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
