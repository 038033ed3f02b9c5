package io.moustash.cuir.config;

import io.moustash.testing.DocExamples;
import io.moustash.testing.OptionTables;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's [cuir] tables agree with CuirOptions. */
class CuirOptionsDocTest {

    @Test
    void everyOptionIsDocumentedWithItsDefault() {
        OptionTables.assertDocumented(DocExamples.docs().resolve("configuration.md"), "## [cuir]",
                CuirOptions.SECTION_OPTIONS);
        OptionTables.assertDocumented(DocExamples.docs().resolve("configuration.md"), "## [cuir]",
                CuirOptions.PROBE_OPTIONS);
    }
}
