#!/usr/bin/env bash
# Regenerates the TPM 2.0 quote fixtures of sdk-attestation
# (sdk-attestation/src/test/resources/io/souverix/attestation/tpm/) with a software TPM, so that
# CI needs no TPM: the committed files are what this script wrote.
#
#   scripts/tpm-fixtures.sh
#
# Needs swtpm, tpm2-tools 5.x (with the swtpm TCTI) and python3:
#   apt-get install -y swtpm swtpm-tools tpm2-tools libtss2-tcti-swtpm0
#
# What it does:
#   1. writes a TCG PC Client "crypto agile" measured-boot event log (eventlog.bin: the Spec ID
#      header event, then TCG_PCR_EVENT2 records with one SHA-256 digest each) and extends every
#      measured event's digest into the matching PCR of a fresh swtpm, so the log and the PCRs
#      agree;
#   2. creates an EK and three AKs (RSA/RSASSA, RSA/RSAPSS, ECC P-256/ECDSA; public keys in PEM);
#   3. quotes PCRs 0-9 of the SHA-256 bank with each AK and the nonce in nonce.hex, with
#      tpm2_quote's default output formats (TPMS_ATTEST, TPMT_SIGNATURE, serialized PCR values);
#      plus one RSASSA quote over two banks (SHA-1 PCRs 0,4 and SHA-256 PCRs 0,4,9);
#   4. reads the PCRs back (pcrs.yaml) and writes golden.json ({"sha256": {"0": HEX, ...}}).
#
# The swtpm listens on two free ports of 127.0.0.1 only and is killed on exit. Every run makes new
# keys, nonces stay fixed: regenerate everything together, never one file alone.
set -euo pipefail
umask 022

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../sdk-attestation/src/test/resources/io/souverix/attestation/tpm}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
swtpm_pid=""

cleanup() {
  if [[ -n "$swtpm_pid" ]]; then
    kill "$swtpm_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Two consecutive free ports on 127.0.0.1 (server, control).
read -r port ctrl < <(python3 - <<'PY'
import socket
for p in range(23000, 40000, 2):
    ok = True
    for q in (p, p + 1):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", q))
        except OSError:
            ok = False
        finally:
            s.close()
    if ok:
        print(p, p + 1)
        break
PY
)

mkdir -p "$work/state"
# The state directory must be an absolute path, or the TPM starts in failure mode.
swtpm socket --tpm2 --tpmstate dir="$work/state" \
  --server type=tcp,port="$port",bindaddr=127.0.0.1 \
  --ctrl type=tcp,port="$ctrl",bindaddr=127.0.0.1 \
  --flags not-need-init,startup-clear \
  --pid file="$work/swtpm.pid" --daemon
for _ in $(seq 50); do
  [[ -s "$work/swtpm.pid" ]] && break
  sleep 0.1
done
swtpm_pid="$(cat "$work/swtpm.pid")"
export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$port"

# No resource manager: flush transient objects and sessions after every key operation.
flush() {
  tpm2_flushcontext -t
  tpm2_flushcontext -s
}

# 1. The measured-boot event log and the digests to extend.
python3 - "$out/eventlog.bin" "$work/extend.txt" <<'PY'
import hashlib, struct, sys

log_path, extend_path = sys.argv[1], sys.argv[2]
EV_PREBOOT_CERT, EV_POST_CODE, EV_NO_ACTION, EV_SEPARATOR = 0x0, 0x1, 0x3, 0x4
EV_S_CRTM_VERSION, EV_IPL = 0x8, 0xD
EV_EFI_BOOT_SERVICES_APPLICATION = 0x80000003
EV_EFI_PLATFORM_FIRMWARE_BLOB = 0x80000008
EV_EFI_VARIABLE_DRIVER_CONFIG = 0x800000E0
TPM_ALG_SHA256 = 0x000B

def sha256(b):
    return hashlib.sha256(b).digest()

def utf16(s):
    return (s + "\0").encode("utf-16-le")

# The Spec ID event: TCG_PCClientPCREvent (SHA-1 format) carrying TCG_EfiSpecIdEvent.
spec = b"Spec ID Event03\0"
spec += struct.pack("<IBBBB", 0, 0, 2, 0, 2)          # platformClass, minor, major, errata, uintnSize
spec += struct.pack("<I", 1) + struct.pack("<HH", TPM_ALG_SHA256, 32)
spec += struct.pack("<B", 0)                          # vendorInfoSize
log = struct.pack("<II", 0, EV_NO_ACTION) + b"\0" * 20 + struct.pack("<I", len(spec)) + spec

# (pcr, type, event data, digest): digest None means sha256(event data).
events = [
    (0, EV_S_CRTM_VERSION, utf16("1.0"), None),
    (0, EV_EFI_PLATFORM_FIRMWARE_BLOB, struct.pack("<QQ", 0xFFC00000, 0x400000),
     sha256(b"souverix firmware volume 2.4.1")),
    (0, EV_POST_CODE, b"ACPI DATA", sha256(b"souverix acpi tables 2.4.1")),
    # Not extended (EV_NO_ACTION): a replay must skip it; its digest is all zeros.
    (0, EV_NO_ACTION, b"souverix: informational, not measured\0", b"\0" * 32),
    (7, EV_EFI_VARIABLE_DRIVER_CONFIG, b"SecureBoot=1", None),
    (1, EV_POST_CODE, b"souverix platform configuration", None),
    (2, EV_POST_CODE, b"souverix option roms", None),
    (3, EV_POST_CODE, b"souverix option rom configuration", None),
    (5, EV_POST_CODE, b"souverix gpt", None),
    (6, EV_POST_CODE, b"souverix host platform manufacturer", None),
] + [(p, EV_SEPARATOR, b"\0\0\0\0", None) for p in range(8)] + [
    (4, EV_EFI_BOOT_SERVICES_APPLICATION, b"\\EFI\\BOOT\\BOOTX64.EFI", sha256(b"shim 15.8")),
    (4, EV_EFI_BOOT_SERVICES_APPLICATION, b"\\EFI\\debian\\grubx64.efi", sha256(b"grub 2.12")),
    (8, EV_IPL, b"grub_cmd: linux /vmlinuz-6.1.0 root=/dev/sda2 ro\0", None),
    (9, EV_IPL, b"/boot/vmlinuz-6.1.0\0", sha256(b"kernel 6.1.0-souverix")),
    (9, EV_IPL, b"/boot/initrd.img-6.1.0\0", sha256(b"initrd 6.1.0-souverix")),
]

with open(extend_path, "w") as ext:
    for pcr, etype, data, digest in events:
        if digest is None:
            digest = sha256(data)
        log += struct.pack("<II", pcr, etype)
        log += struct.pack("<I", 1) + struct.pack("<H", TPM_ALG_SHA256) + digest
        log += struct.pack("<I", len(data)) + data
        if etype != EV_NO_ACTION:
            ext.write("%d:sha256=%s\n" % (pcr, digest.hex()))

with open(log_path, "wb") as f:
    f.write(log)
PY

while read -r spec; do
  tpm2_pcrextend "$spec"
done < "$work/extend.txt"

# 2. Keys.
cd "$work"
tpm2_createek -c ek.ctx -G rsa -u ek.pub
flush
tpm2_createak -C ek.ctx -c ak-rsassa.ctx -G rsa -g sha256 -s rsassa -u "$out/ak-rsassa.pem" -f pem
flush
tpm2_createak -C ek.ctx -c ak-rsapss.ctx -G rsa -g sha256 -s rsapss -u "$out/ak-rsapss.pem" -f pem
flush
tpm2_createak -C ek.ctx -c ak-ecdsa.ctx -G ecc -g sha256 -s ecdsa -u "$out/ak-ecdsa.pem" -f pem
flush

# 3. Quotes over one fixed nonce.
nonce="$(python3 -c 'import hashlib; print(hashlib.sha256(b"souverix tpm fixture nonce").hexdigest())')"
printf '%s\n' "$nonce" > "$out/nonce.hex"
for ak in rsassa rsapss ecdsa; do
  tpm2_quote -c "ak-$ak.ctx" --scheme "$ak" -l sha256:0,1,2,3,4,5,6,7,8,9 -q "$nonce" -g sha256 \
    -m "$out/quote-$ak.msg" -s "$out/quote-$ak.sig" -o "$out/quote-$ak.pcrs" > /dev/null
  flush
done
tpm2_quote -c ak-rsassa.ctx -l sha1:0,4+sha256:0,4,9 -q "$nonce" -g sha256 \
  -m "$out/quote-twobanks.msg" -s "$out/quote-twobanks.sig" -o "$out/quote-twobanks.pcrs" \
  > /dev/null
flush

# 4. The PCR values as the TPM reports them, and the golden values of the SHA-256 bank.
tpm2_pcrread sha1:0,4+sha256:0,1,2,3,4,5,6,7,8,9 > "$out/pcrs.yaml"
python3 - "$out/pcrs.yaml" "$out/golden.json" <<'PY'
import json, re, sys

bank, golden = None, {}
for line in open(sys.argv[1]):
    m = re.match(r"^  (\w+):\s*$", line)
    if m:
        bank = m.group(1)
        continue
    m = re.match(r"^\s+(\d+)\s*:\s*0x([0-9A-Fa-f]+)", line)
    if m and bank == "sha256":
        golden[m.group(1)] = m.group(2).lower()
with open(sys.argv[2], "w") as f:
    json.dump({"sha256": golden}, f, indent=2)
    f.write("\n")
PY

chmod 644 "$out"/*
echo "fixtures written to $out"
