package io.souverix.attestation.tpm;

/**
 * The TPM's clock when it signed ({@code TPMS_CLOCK_INFO}); a verifier can compare it with earlier
 * quotes of the same TPM to spot resets and reboots.
 *
 * @param clock milliseconds the TPM has been powered since its clock was last cleared (unsigned)
 * @param resetCount TPM resets (reboots) since the clock was cleared, 0 to 2^32-1
 * @param restartCount TPM restarts or resumes since the last reset, 0 to 2^32-1
 * @param safe true if {@code clock} has not gone backwards since it was last advanced
 * @since 0.1
 */
public record ClockInfo(long clock, long resetCount, long restartCount, boolean safe) {}
