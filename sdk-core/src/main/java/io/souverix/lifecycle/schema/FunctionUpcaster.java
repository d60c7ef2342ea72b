package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.Payload;
import java.util.function.UnaryOperator;

/** An {@link Upcaster} backed by a function. */
record FunctionUpcaster(String typeName, int fromVersion, UnaryOperator<Payload> function)
    implements Upcaster {
  @Override
  public Payload upcast(Payload payload) {
    return function.apply(payload);
  }

  @Override
  public String toString() {
    return typeName + " v" + fromVersion + " -> v" + (fromVersion + 1);
  }
}
