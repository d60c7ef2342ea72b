/**
 * The embedded default event store on SQLite. Start at {@link
 * io.souverix.store.sqlite.SqliteEventStore#open(java.nio.file.Path, java.time.Clock)}; everything
 * else here is internal.
 */
@NullMarked
package io.souverix.store.sqlite;

import org.jspecify.annotations.NullMarked;
