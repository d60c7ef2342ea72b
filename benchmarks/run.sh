#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs the JMH benchmarks with the settings our
# 2-core, shared machines need, then prints each benchmark's ratio to its raw baseline.
#
#   benchmarks/run.sh                          # everything (about 2 minutes)
#   benchmarks/run.sh -p synchronous=NORMAL   # the other sync mode
#   benchmarks/run.sh "SqliteAppendBenchmark.batch1000.*"
#
# Extra arguments go to JMH (a benchmark regex, -p name=value, -prof jfr, ...) and come after
# the defaults, so they win. SOUVERIX_BENCH_TMPDIR chooses where the per-trial database files go
# (default: the JVM's java.io.tmpdir); it must be a real disk, not tmpfs, for synchronous=FULL to
# mean anything. BENCH_SKIP_BUILD=1 reuses an existing jar.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
result="$here/target/jmh-result.json"

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  (cd "$root" && mvn -q -pl benchmarks -am package -DskipTests)
fi

# JVM options of the forked benchmark JVM (JMH splits them at spaces).
jvm_args="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
if [[ -n "${SOUVERIX_BENCH_TMPDIR:-}" ]]; then
  mkdir -p "$SOUVERIX_BENCH_TMPDIR"
  jvm_args="$jvm_args -Djava.io.tmpdir=$SOUVERIX_BENCH_TMPDIR"
fi

# Warm-up: 4 x 2 s = 8 s per benchmark (the JIT and SQLite's page cache settle within that on
# these machines); measurement: 5 x 2 s; one fork, one thread: the machine has 2 cores and is
# shared, so more forks or threads only add noise.
java -jar "$jar" \
  -wi 4 -w 2s \
  -i 5 -r 2s \
  -f 1 -t 1 \
  -rf json -rff "$result" \
  -jvmArgsAppend "$jvm_args" \
  "$@"

echo
echo "Ratios to the raw baselines measured in this run ($result):"
java -cp "$jar" io.souverix.benchmarks.Ratios "$result" 0.5
