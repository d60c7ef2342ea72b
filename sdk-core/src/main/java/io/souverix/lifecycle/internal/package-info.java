/**
 * Implementation details of sdk-core. Not API: anything here may change without notice, and no
 * other module's public signature may mention these types.
 */
@NullMarked
package io.souverix.lifecycle.internal;

import org.jspecify.annotations.NullMarked;
