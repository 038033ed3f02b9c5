package io.moustash.cuir.check;

import io.moustash.config.Option;
import io.moustash.cuir.check.command.CommandKind;
import io.moustash.cuir.check.http.HttpKind;
import io.moustash.cuir.check.log.LogKind;
import io.moustash.cuir.check.tcp.TcpKind;
import java.util.ArrayList;
import java.util.List;

/** The kinds of check Cuir knows: the one place a new kind is registered. */
public final class Checks {
    public static final List<CheckKind<?>> KINDS = List.of(TcpKind.KIND, CommandKind.KIND, HttpKind.KIND, LogKind.KIND);

    private Checks() {
    }

    /** Every kind's options, each once, in the kinds' order. */
    public static List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>();
        for (CheckKind<?> kind : KINDS) {
            for (Option<?> option : kind.options()) {
                if (!all.contains(option)) {
                    all.add(option);
                }
            }
        }
        return all;
    }
}
