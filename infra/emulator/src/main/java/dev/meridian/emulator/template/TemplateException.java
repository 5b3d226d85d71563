package dev.meridian.emulator.template;

import java.util.List;

/**
 * The template asks for something the local runtime cannot do faithfully. Every problem
 * names the resource and the feature; the runtime does not start with any of them.
 */
public final class TemplateException extends RuntimeException {

    private final List<String> problems;

    public TemplateException(List<String> problems) {
        super("template uses features that the emulator does not support:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
