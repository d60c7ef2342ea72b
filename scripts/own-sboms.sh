#!/usr/bin/env bash
# Regenerates the two CycloneDX BOMs of our own CLI (samples/cli) that the SBOM tests diff:
#
#   scripts/own-sboms.sh [OLD_COMMIT [NEW_COMMIT]]
#
# OLD_COMMIT defaults to the commit the fixtures were made from (see OLD below), NEW_COMMIT to
# HEAD. Each commit is checked out in a temporary git worktree, built (`package`, tests skipped)
# and run through org.cyclonedx:cyclonedx-maven-plugin's makeBom goal with the settings of the
# root pom's `sbom` profile, given on the command line so that commits older than the profile
# work too. The BOMs land in sdk-supply-chain/src/test/resources/own-sboms/ as
# cli-old.cdx.json and cli-new.cdx.json, with commits.txt naming the two commits.
#
# makeBom requires Maven online mode (with -o it skips and writes nothing), so no -o here;
# MVN_OPTS adds other options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/sdk-supply-chain/src/test/resources/own-sboms"
OLD="$(git -C "$root" rev-parse "${1:-b520a5fa3c780c3c37321c3ac4d1fa156b922108}")"
NEW="$(git -C "$root" rev-parse "${2:-HEAD}")"
plugin="org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeBom"

work="$(mktemp -d)"
cleanup() {
  for wt in "$work"/old "$work"/new; do
    [[ -d "$wt" ]] && git -C "$root" worktree remove --force "$wt" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

bom() { # commit name
  local commit="$1" name="$2" wt="$work/$2"
  git -C "$root" worktree add --detach "$wt" "$commit" >/dev/null
  (cd "$wt" && mvn -q -B ${MVN_OPTS:-} -pl samples/cli -am package -DskipTests \
    "$plugin" \
    -DprojectType=application -DschemaVersion=1.6 -DoutputFormat=json -DoutputName=bom \
    -DincludeBomSerialNumber=false -DincludeTestScope=false) >&2
  mkdir -p "$out"
  cp "$wt/samples/cli/target/bom.json" "$out/cli-$name.cdx.json"
  echo "$name $commit $(git -C "$root" log -1 --format=%s "$commit")"
}

{
  bom "$OLD" old
  bom "$NEW" new
} > "$work/commits.txt"
cp "$work/commits.txt" "$out/commits.txt"
cat "$out/commits.txt"
