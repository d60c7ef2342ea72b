/**
 * The conformance kit (TCK): abstract JUnit 5 classes a vendor extends to prove an adapter obeys an
 * SPI, rule by rule. Start with {@link io.souverix.tck.EventStoreVerification}.
 */
package io.souverix.tck;
