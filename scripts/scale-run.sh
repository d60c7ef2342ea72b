#!/usr/bin/env bash
# The Kafka scale run of docs/performance.md ("Scale run (Kafka)"): for each fleet size (nodes,
# default 10000 30000 100000), 100 events per node through one in-process Kafka broker, drained by
# 1 and by 2 projection workers, then paced runs for the end-to-end latency.
#
#   scripts/scale-run.sh                 # 10,000, 30,000 and 100,000 nodes
#   scripts/scale-run.sh 10000           # one size
#   SCALE_OPTS="-Dsouverix.kafka.scale.pacedSeconds=30" scripts/scale-run.sh 10000
#   SCALE_MVN="-o" scripts/scale-run.sh  # offline, once the dependencies are in ~/.m2
#   SCALE_JVM="-Xmx3g -XX:StartFlightRecording=filename=target/scale.jfr,settings=profile" \
#     scripts/scale-run.sh 10000         # other JVM flags for the forked test JVM (replace the
#                                        # defaults: -Xmx3g, G1, the export that lets the run
#                                        # read GC and JIT thread CPU times)
#
# Needs Java 17 and Maven; builds what it needs (sdk-core, the kafka adapter and their tests).
# Output: the table rows on stdout and in adapters/kafka/target/scale-run/summary.md, details per
# size in adapters/kafka/target/scale-run/scale-<nodes>.txt. The broker's data goes under
# adapters/kafka/target/kafka/ and is deleted after each size (a 100,000-node size writes some GB).
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=("$@")
if [ ${#nodes[@]} -eq 0 ]; then
  nodes=(10000 30000 100000)
fi
csv=$(IFS=,; echo "${nodes[*]}")

# shellcheck disable=SC2086 # SCALE_MVN and SCALE_OPTS are lists of arguments
mvn -q ${SCALE_MVN:-} -pl adapters/kafka -am test \
  -Dtest=ScaleRunMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsouverix.kafka.scale=true -Dsouverix.kafka.scale.nodes="$csv" \
  -DargLine="${SCALE_JVM:--Xmx3g -XX:+UseG1GC --add-exports java.management/sun.management=ALL-UNNAMED}" \
  ${SCALE_OPTS:-}
