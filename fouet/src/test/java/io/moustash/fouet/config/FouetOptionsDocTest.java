package io.moustash.fouet.config;

import io.moustash.testing.DocExamples;
import io.moustash.testing.OptionTables;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's [fouet] table agrees with FouetOptions. */
class FouetOptionsDocTest {

    @Test
    void everyOptionIsDocumentedWithItsDefault() {
        OptionTables.assertDocumented(DocExamples.docs().resolve("configuration.md"), "## [fouet]", FouetOptions.ALL);
    }
}
