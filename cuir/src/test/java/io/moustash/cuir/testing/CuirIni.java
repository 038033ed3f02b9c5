package io.moustash.cuir.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.moustash.config.ConfigException;
import io.moustash.config.ConfigProblem;
import io.moustash.config.IniDocument;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.CuirConfigReader;
import java.util.ArrayList;
import java.util.List;

/** A configuration file's text read as Cuir reads it, for the tests of its sections and options. */
public final class CuirIni {
    private CuirIni() {
    }

    /** {@code ini} read as {@code moustash.ini}, its warnings added to {@code warnings}. */
    public static CuirConfig read(String ini, List<String> warnings) {
        return CuirConfigReader.read(IniDocument.parse(ini, "moustash.ini"), warnings::add);
    }

    /** The problems {@code ini} is refused for, as the user reads them. */
    public static List<String> errors(String ini) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(ini, new ArrayList<>()));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }
}
