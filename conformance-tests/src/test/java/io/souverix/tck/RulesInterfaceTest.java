package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every rule listed in a rules interface runs as a test in one of the verification's nested groups,
 * named, tagged and labelled after its id; and no group runs a test the interface does not list.
 */
class RulesInterfaceTest {
  private static final Pattern NAME =
      Pattern.compile("^(required|optional)_([A-Z]{2})(\\d)(\\d{2})_[a-zA-Z0-9]+$");

  @Test
  void eventStoreVerification_everyRuleIsANestedTest() {
    check(EventStoreVerificationRules.class, EventStoreVerification.class);
  }

  @Test
  void checkpointStoreVerification_everyRuleIsANestedTest() {
    check(CheckpointStoreVerificationRules.class, CheckpointStoreVerification.class);
  }

  @Test
  void policyEngineVerification_everyRuleIsANestedTest() {
    check(PolicyEngineVerificationRules.class, PolicyEngineVerification.class);
  }

  @Test
  void signerVerification_everyRuleIsANestedTest() {
    check(SignerVerificationRules.class, SignerVerification.class);
  }

  @Test
  void transportVerification_everyRuleIsANestedTest() {
    check(TransportVerificationRules.class, TransportVerification.class);
  }

  private static void check(Class<?> rules, Class<?> verification) {
    List<String> listed =
        Arrays.stream(rules.getDeclaredMethods()).map(Method::getName).sorted().toList();
    List<String> tests = new ArrayList<>();
    for (Class<?> group : verification.getDeclaredClasses()) {
      if (!group.isAnnotationPresent(Nested.class)) {
        continue;
      }
      for (Method m : group.getDeclaredMethods()) {
        if (!m.isAnnotationPresent(Test.class)) {
          continue;
        }
        tests.add(m.getName());
        var match = NAME.matcher(m.getName());
        assertThat(match.matches()).as("rule method name %s", m.getName()).isTrue();
        String id =
            String.format(
                java.util.Locale.ROOT,
                "%s-%s.%d",
                match.group(2),
                match.group(3),
                Integer.parseInt(match.group(4)));
        assertThat(m.getAnnotation(DisplayName.class).value())
            .as("display name of %s", m.getName())
            .startsWith(id + " ");
        assertThat(Arrays.stream(m.getAnnotationsByType(Tag.class)).map(Tag::value))
            .as("tags of %s", m.getName())
            .contains(match.group(1));
      }
    }
    assertThat(tests)
        .as("rules run by %s", verification.getSimpleName())
        .containsExactlyInAnyOrderElementsOf(listed);
  }
}
