/**
 * Version schemes per ecosystem (Semantic Versioning 2.0.0, Maven, Debian/RPM-style and calendar
 * versions), ranges over them and allowed-version policies per component. Start with {@link
 * io.souverix.supplychain.version.VersionScheme}.
 */
@NullMarked
package io.souverix.supplychain.version;

import org.jspecify.annotations.NullMarked;
