package dev.meridian.emulator.testing;

import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.Emulator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JUnit 5 extension: one running stack per template per test JVM, on a free port, stopped
 * when the test run ends.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension LOCAL = EmulatorExtension.forTemplate(Path.of("template.yaml"));
 *
 * @Test
 * void order_shouldConfirm(Emulator stack) {
 *     var admin = LOCAL.api().as(stack.mintToken("ops", true));
 *     ...
 * }
 * }</pre>
 */
public final class EmulatorExtension implements BeforeAllCallback, ParameterResolver {

    private static final Map<Path, Emulator> STACKS = new ConcurrentHashMap<>();

    private final Path template;

    private EmulatorExtension(Path template) {
        this.template = template.toAbsolutePath().normalize();
    }

    /** The repo's template.yaml is found from a module with {@code Path.of(System.getProperty("meridian.root"), "template.yaml")}. */
    public static EmulatorExtension forTemplate(Path template) {
        return new EmulatorExtension(template);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        STACKS.computeIfAbsent(template, t -> {
            Emulator stack = Emulator.start(EmulatorOptions.builder().template(t).anyFreePort().build());
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(EmulatorExtension.class.getName() + t, (AutoCloseable) () -> {
                        STACKS.remove(t);
                        stack.close();
                    });
            return stack;
        });
    }

    /** The running stack (after {@code beforeAll}). */
    public Emulator stack() {
        Emulator stack = STACKS.get(template);
        if (stack == null) {
            throw new IllegalStateException("the stack for " + template + " is not started: register the extension with @RegisterExtension on a static field");
        }
        return stack;
    }

    /** A JSON client for the stack's HTTP API. */
    public LocalApi api() {
        return new LocalApi(stack().baseUrl());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack();
    }
}
