package io.jkeepalived.check.checkers;

import io.jkeepalived.check.plan.CheckerCatalog;
import io.jkeepalived.check.plan.CheckerBinding;
import io.jkeepalived.check.engine.CheckerWords;
import io.jkeepalived.check.engine.GenericWords;
import io.jkeepalived.check.engine.MiscWords;
import io.jkeepalived.check.engine.TcpWords;
import io.jkeepalived.loop.Reactor;
import io.jkeepalived.check.port.ScriptExecutor;
import io.jkeepalived.check.port.TcpConnector;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.TrackFileSpec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns each configured checker into a running {@link Checker}. TCP_CHECK, MISC_CHECK and FILE_CHECK are
 * built in; protocol checkers (HTTP_GET, SSL_GET, SMTP_CHECK, DNS_CHECK, UDP_CHECK, PING_CHECK) plug in by
 * spec type through {@link #register}; a type nobody provides becomes an {@link UnsupportedChecker} that
 * fails every attempt with a clear reason.
 */
public final class CheckerFactory implements CheckerCatalog {

    /** Builds checkers of one spec type. */
    public interface Provider {
        Checker create(CheckerBinding binding, Reactor reactor);

        default CheckerWords words(CheckerBinding binding) {
            return new GenericWords(binding.spec().keyword(), false);
        }
    }

    private final Map<Class<? extends CheckerSpec>, Provider> providers = new HashMap<>();
    private final List<TrackFileSpec> trackFiles;
    private final ScriptExecutor scripts;

    /** @param scripts runs MISC_CHECK scripts */
    public CheckerFactory(List<TrackFileSpec> trackFiles, ScriptExecutor scripts) {
        this.trackFiles = List.copyOf(trackFiles);
        this.scripts = scripts;
    }

    public <S extends CheckerSpec> CheckerFactory register(Class<S> specType, Provider provider) {
        providers.put(specType, provider);
        return this;
    }

    public boolean supports(CheckerSpec spec) {
        return providers.containsKey(spec.getClass()) || switch (spec) {
            case CheckerSpec.TcpCheckSpec t -> true;
            case CheckerSpec.MiscCheckSpec m -> true;
            case CheckerSpec.FileCheckSpec f -> trackFile(f).isPresent();
            default -> false;
        };
    }

    public CheckerWords words(CheckerBinding binding) {
        var provider = providers.get(binding.spec().getClass());
        if (provider != null) {
            return provider.words(binding);
        }
        return switch (binding.spec()) {
            case CheckerSpec.TcpCheckSpec t -> new TcpWords();
            case CheckerSpec.MiscCheckSpec m -> new MiscWords(m.path().argv().isEmpty() ? m.path().commandLine() : m.path().argv().getFirst());
            case CheckerSpec.FileCheckSpec f -> new GenericWords("FILE_CHECK", true);
            default -> new GenericWords(binding.spec().keyword(), false);
        };
    }

    public Checker create(CheckerBinding binding, Reactor reactor, TcpConnector tcp) {
        var provider = providers.get(binding.spec().getClass());
        if (provider != null) {
            return provider.create(binding, reactor);
        }
        return switch (binding.spec()) {
            case CheckerSpec.TcpCheckSpec t -> {
                var c = t.common();
                var target = CheckTarget.of(c, binding.rsDisplay());
                var endpoint = new TcpConnector.Endpoint(target.connectTo(), target.bindTo(), c.fwmark(), c.bindIf());
                yield new TcpChecker(tcp.target(endpoint), binding.rsDisplay());
            }
            case CheckerSpec.MiscCheckSpec m -> new MiscChecker(m.path(), m.dynamic(), scripts,
                    binding.rsDisplay() + " VS " + binding.vsDisplay());
            case CheckerSpec.FileCheckSpec f -> trackFile(f)
                    .<Checker>map(tf -> new FileChecker(Path.of(tf.file()), f.weight().orElse(tf.weight()),
                            f.weight().isPresent() ? f.reverse() : tf.weightReverse(), binding.realServer().weight()))
                    .orElseGet(() -> new UnsupportedChecker("FILE_CHECK", "track_file " + f.trackFile() + " (not configured)"));
            default -> new UnsupportedChecker(binding.spec().keyword(), binding.rsDisplay());
        };
    }

    private Optional<TrackFileSpec> trackFile(CheckerSpec.FileCheckSpec f) {
        return trackFiles.stream().filter(t -> t.name().equals(f.trackFile())).findFirst();
    }
}
