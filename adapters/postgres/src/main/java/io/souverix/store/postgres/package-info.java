/**
 * The event store on PostgreSQL, for fleets that outgrow one machine. Start at {@link
 * io.souverix.store.postgres.PostgresEventStore#open(javax.sql.DataSource, java.time.Clock)};
 * everything else here is internal.
 */
@NullMarked
package io.souverix.store.postgres;

import org.jspecify.annotations.NullMarked;
