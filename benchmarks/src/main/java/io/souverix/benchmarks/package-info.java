/**
 * JMH benchmarks of the SDK, each measured against a raw baseline in the same run. Start at {@link
 * io.souverix.benchmarks.SqliteAppendBenchmark}; {@code docs/performance.md} describes how to run
 * them and what the figures mean.
 */
@NullMarked
package io.souverix.benchmarks;

import org.jspecify.annotations.NullMarked;
