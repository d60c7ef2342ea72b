package io.souverix.attestation.result;

import java.util.Locale;
import java.util.Objects;

/**
 * A trustworthiness tier (draft-ietf-rats-ar4si, section 2.3.2): how an appraisal judged the
 * attester, overall or for one {@link TrustClaim}. The constants are declared from the least to the
 * most severe; {@link #NONE} means no judgement was made.
 *
 * @since 0.1
 */
public enum Tier {
  /** No claim is being made (AR4SI values -1 to 1). */
  NONE("none", 0),
  /** The appraisal affirms trustworthiness (AR4SI values 2 to 31 and -32 to -2). */
  AFFIRMING("affirming", 2),
  /** Needs the relying party's attention (AR4SI values 32 to 95 and -96 to -33). */
  WARNING("warning", 32),
  /** The attester must not be trusted (AR4SI values 96 to 127 and -128 to -97). */
  CONTRAINDICATED("contraindicated", 96);

  private final String jsonName;
  private final int value;

  Tier(String jsonName, int value) {
    this.jsonName = jsonName;
    this.value = value;
  }

  /**
   * Returns the tier's name in EAR JSON ({@code ear.status}).
   *
   * @return for example {@code "affirming"}
   */
  public String jsonName() {
    return jsonName;
  }

  /**
   * Returns the tier's generic AR4SI value, used when a claim is set by tier only.
   *
   * @return 0, 2, 32 or 96
   */
  public int value() {
    return value;
  }

  /**
   * Returns the tier of an AR4SI claim value.
   *
   * @param value a value from -128 to 127
   * @return its tier
   * @throws IllegalArgumentException if the value is outside -128 to 127
   */
  public static Tier ofValue(int value) {
    if (value < -128 || value > 127) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "trustworthiness claim value; expected -128 to 127, but got %d", value));
    }
    int v = Math.abs(value);
    if (v <= 1) {
      return NONE;
    }
    if (value > 0 ? v <= 31 : v <= 32) {
      return AFFIRMING;
    }
    if (value > 0 ? v <= 95 : v <= 96) {
      return WARNING;
    }
    return CONTRAINDICATED;
  }

  /**
   * Looks a tier up by its JSON name.
   *
   * @param jsonName {@code none}, {@code affirming}, {@code warning} or {@code contraindicated}
   * @return the tier
   * @throws IllegalArgumentException if the name is none of them
   */
  public static Tier fromJsonName(String jsonName) {
    Objects.requireNonNull(jsonName, "jsonName");
    for (Tier t : values()) {
      if (t.jsonName.equals(jsonName)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "trust tier; expected none, affirming, warning or contraindicated, but got '%s'",
            jsonName));
  }
}
