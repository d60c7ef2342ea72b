package io.souverix.supplychain.sbom;

import static io.souverix.supplychain.sbom.Boms.bom;
import static io.souverix.supplychain.sbom.Boms.component;
import static io.souverix.supplychain.sbom.Boms.licence;
import static io.souverix.supplychain.sbom.Boms.nest;
import static io.souverix.supplychain.sbom.Boms.supplier;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupplierDiffTest {
  @Test
  void diff_supplierNameChangedSameIdentity_reportedWithOldAndNew() throws Exception {
    Boms a = bom();
    supplier(a.add("left-pad", "1.0.0"), "Acme", "https://acme.example");
    Boms b = bom();
    supplier(b.add("left-pad", "1.0.0"), "Evil Corp", "https://evil.example");

    SbomDiff d = SbomDiffer.diff(a.parse(), b.parse());

    assertThat(d.supplierChanged())
        .containsExactly(
            new SbomDiff.SupplierChange(
                "pkg:npm/left-pad",
                "1.0.0",
                "1.0.0",
                new SbomDiff.Supplier("Acme", List.of("https://acme.example")),
                new SbomDiff.Supplier("Evil Corp", List.of("https://evil.example"))));
    assertThat(d.suppliersAdded())
        .containsExactly(new SbomDiff.NewSupplier("Evil Corp", List.of("pkg:npm/left-pad")));
    assertThat(d.isEmpty()).isFalse();
    JsonNode j = Json.MAPPER.readTree(d.toJson());
    assertThat(j.get("supplier_changed").get(0).get("new").get("name").asText())
        .isEqualTo("Evil Corp");
    assertThat(j.get("suppliers_added").get(0).get("keys").get(0).asText())
        .isEqualTo("pkg:npm/left-pad");
    assertThat(d.summaryText()).contains("supplier changed 1, new suppliers 1");
  }

  @Test
  void diff_supplierUrlOnlyChanged_reportedButNoNewSupplier() throws Exception {
    Boms a = bom();
    supplier(a.add("x", "1"), "Acme", "https://a.example");
    Boms b = bom();
    supplier(b.add("x", "2"), "ACME ", "https://b.example");

    SbomDiff d = SbomDiffer.diff(a.parse(), b.parse());

    assertThat(d.supplierChanged()).hasSize(1);
    assertThat(d.supplierChanged().get(0).oldVersion()).isEqualTo("1");
    assertThat(d.supplierChanged().get(0).newVersion()).isEqualTo("2");
    assertThat(d.suppliersAdded()).isEmpty();
  }

  @Test
  void diff_supplierCaseAndUrlOrderOnly_notAChange() throws Exception {
    Boms a = bom();
    supplier(a.add("x", "1"), "Acme", "https://a.example", "https://b.example");
    Boms b = bom();
    supplier(b.add("x", "1"), "acme", "https://b.example", "https://a.example");

    assertThat(SbomDiffer.diff(a.parse(), b.parse()).isEmpty()).isTrue();
  }

  @Test
  void diff_supplierAppearsWhereNoneWas_reportedFromNull() throws Exception {
    Boms a = bom();
    a.add("x", "1");
    Boms b = bom();
    supplier(b.add("x", "1"), "Acme");

    SbomDiff d = SbomDiffer.diff(a.parse(), b.parse());

    assertThat(d.supplierChanged())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.oldSupplier()).isNull();
              assertThat(c.newSupplier()).isEqualTo(new SbomDiff.Supplier("Acme", List.of()));
            });
  }

  @Test
  void diff_duplicatesAndNestedComponents_mergeLicencesAndSupplierIntoAddedDetails()
      throws Exception {
    Boms a = bom();
    a.add("base", "1");
    Boms b = bom();
    b.add("base", "1");
    // The same key+version twice: once at the top with MIT, once nested with Apache-2.0 and a
    // supplier; the diff sees one added component with both licences and the supplier.
    licence(b.add("dup", "2.0"), "MIT");
    nest(b.add("parent", "1"), supplier(licence(component("dup", "2.0"), "Apache-2.0"), "Acme"));
    Boms c = bom();
    c.add("base", "1");

    SbomDiff d = SbomDiffer.diff(a.parse(), b.parse());

    assertThat(d.added())
        .extracting(SbomDiff.Entry::key)
        .containsExactly("pkg:npm/dup", "pkg:npm/parent");
    SbomDiff.Entry dup = d.added().get(0);
    assertThat(dup.licences()).containsExactly("Apache-2.0", "MIT");
    assertThat(dup.supplier()).isEqualTo(new SbomDiff.Supplier("Acme", List.of()));
    JsonNode j = Json.MAPPER.readTree(d.toJson());
    assertThat(j.get("added").get(0).size()).as("contract shape of added entries").isEqualTo(5);
    assertThat(j.get("added_details").get(0).get("licenses").toString())
        .isEqualTo("[\"Apache-2.0\",\"MIT\"]");
    assertThat(j.get("new").get("duplicates_collapsed").asInt()).isEqualTo(1);
    assertThat(SbomDiffer.diff(c.parse(), a.parse()).isEmpty()).isTrue();
  }

  @Test
  void diff_licenceChangedOnSameVersion_reported() throws Exception {
    Boms a = bom();
    licence(a.add("x", "1"), "MIT");
    Boms b = bom();
    licence(b.add("x", "1"), "GPL-3.0-only");

    SbomDiff d = SbomDiffer.diff(a.parse(), b.parse());

    assertThat(d.licenceChanged())
        .containsExactly(
            new SbomDiff.LicenceChange(
                "pkg:npm/x", "1", "1", List.of("MIT"), List.of("GPL-3.0-only")));
  }
}
