package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.time.Duration;

/**
 * {@code vrrp_script NAME { script; interval (1 s); timeout (= interval); weight -253..253 [reverse];
 * rise (1); fall (1); user; init_fail }}.
 */
public record VrrpScriptSpec(
        String name,
        ScriptSpec script,
        Duration interval,
        Duration timeout,
        int weight,
        boolean weightReverse,
        int rise,
        int fall,
        boolean initFail,
        SourcePos pos) {
}
