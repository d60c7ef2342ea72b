package io.souverix.lifecycle.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The rules of STYLE.md that a compiler does not check, enforced on sdk-core's classes. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.souverix.lifecycle");

  @Test
  void publicApi_neverExposesInternalOrThirdPartyTypes() {
    methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackage("..internal..")
        .should(exposeOnlyApiTypes())
        .check(CORE);
  }

  @Test
  void publicClasses_areFinalAbstractOrNotClasses() {
    classes()
        .that()
        .arePublic()
        .and()
        .areNotInterfaces()
        .and()
        .areNotEnums()
        .and()
        .areNotRecords()
        .and()
        .resideOutsideOfPackage("..internal..")
        .and()
        .areNotAssignableTo(Throwable.class)
        .should()
        .haveModifier(JavaModifier.FINAL)
        .orShould()
        .haveModifier(JavaModifier.ABSTRACT)
        .check(CORE);
  }

  @Test
  void eventModelAndSpi_doNotDependOnTheStateMachineOrProjections() {
    noClasses()
        .that()
        .resideInAnyPackage("io.souverix.lifecycle.event..", "io.souverix.lifecycle.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.souverix.lifecycle",
            "io.souverix.lifecycle.projection..",
            "io.souverix.lifecycle.view..",
            "io.souverix.lifecycle.port..")
        .check(CORE);
  }

  @Test
  void stateMachine_doesNotDependOnProjections() {
    noClasses()
        .that()
        .resideInAPackage("io.souverix.lifecycle")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.souverix.lifecycle.projection..",
            "io.souverix.lifecycle.view..",
            "io.souverix.lifecycle.port..")
        .check(CORE);
  }

  private static ArchCondition<JavaMethod> exposeOnlyApiTypes() {
    return new ArchCondition<>("expose only JDK and public SDK API types") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        check(method, method.getRawReturnType(), events);
        for (JavaClass p : method.getRawParameterTypes()) {
          check(method, p, events);
        }
      }

      private void check(JavaMethod method, JavaClass type, ConditionEvents events) {
        JavaClass t = type.isArray() ? type.getBaseComponentType() : type;
        String name = t.getName();
        boolean ok =
            t.isPrimitive()
                || name.startsWith("java.")
                || (name.startsWith("io.souverix.") && !name.contains(".internal."));
        if (!ok) {
          events.add(
              SimpleConditionEvent.violated(
                  method, method.getFullName() + " exposes " + name + " in its signature"));
        }
      }
    };
  }
}
