package io.souverix.lifecycle.projection;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of an {@link Inventory} query, in ascending id order.
 *
 * @param <T> the item type
 * @param items the items of this page, at most the query's limit
 * @param total how many items match the query in all pages
 * @param nextCursor the cursor to pass as {@code after} for the next page, or null on the last page
 * @since 0.1
 */
public record Page<T>(List<T> items, long total, @Nullable String nextCursor) {
  /** Validates and copies. */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (total < items.size()) {
      throw new IllegalArgumentException("total must be at least the number of items");
    }
  }
}
