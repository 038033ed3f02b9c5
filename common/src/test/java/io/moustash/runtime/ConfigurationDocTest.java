package io.moustash.runtime;

import io.moustash.testing.DocExamples;
import io.moustash.testing.OptionTables;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every option of [moustash] with the default the code has. */
class ConfigurationDocTest {

    @Test
    void everyOptionIsDocumentedWithItsDefault() {
        OptionTables.assertDocumented(DocExamples.docs().resolve("configuration.md"), null, MoustashSettings.OPTIONS);
    }
}
