package dev.meridian.emulator.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the parsed YAML's plain values: strings, maps and lists, and SAM's Globals merge. */
final class TemplateValues {

    private TemplateValues() {
    }

    static String str(Object v) {
        return v == null || v == Intrinsics.NO_VALUE ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        list(v).forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    /** SAM Globals semantics: the resource's properties win; maps (Environment.Variables) merge. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(globals);
        for (var e : own.entrySet()) {
            Object g = out.get(e.getKey());
            if (g instanceof Map<?, ?> gm && e.getValue() instanceof Map<?, ?> om && !isIntrinsic(om)) {
                out.put(e.getKey(), merge((Map<String, Object>) gm, (Map<String, Object>) om));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean isIntrinsic(Map<?, ?> m) {
        if (m.size() != 1) {
            return false;
        }
        String k = String.valueOf(m.keySet().iterator().next());
        return k.equals("Ref") || k.startsWith("Fn::");
    }
}
