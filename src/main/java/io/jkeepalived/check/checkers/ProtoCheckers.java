package io.jkeepalived.check.checkers;

import io.jkeepalived.check.port.EchoProbe;
import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.plan.CheckerBinding;
import io.jkeepalived.check.engine.CheckerWords;
import io.jkeepalived.loop.EventLoop;
import io.jkeepalived.loop.NioPoller;
import io.jkeepalived.loop.Reactor;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.SslSpec;
import io.jkeepalived.config.model.UrlSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLContext;

/**
 * Builds HTTP_GET, SSL_GET, SMTP_CHECK, DNS_CHECK, UDP_CHECK and PING_CHECK checkers from their specs
 * and plugs them into the core's {@link CheckerFactory}. Owns the threads they share (one
 * {@link CheckIo}, a few platform threads for blocking ICMP probes) and the one TLS context built from
 * the {@code SSL {}} block.
 */
public final class ProtoCheckers implements AutoCloseable {
    private final CheckIo io = new CheckIo();
    private final ExecutorService pingThreads = Executors.newFixedThreadPool(4,
            Thread.ofPlatform().daemon().name("jkp-ping-", 0).factory());
    private final Optional<SslSpec> ssl;
    private final Consumer<String> warnings;
    private final RandomGenerator random;
    private final EchoProbe.Factory echoProbes;
    private final java.util.Map<Reactor, byte[]> loopBuffers = new java.util.IdentityHashMap<>();
    private EventLoop httpLoop;
    private Thread httpLoopThread;
    private io.jkeepalived.common.ThreadWatch watch;
    private SSLContext tls;
    private String tlsError;

    /** @param warnings receives one line per configuration problem (bad regex, unreadable SSL file...) */
    public ProtoCheckers(Optional<SslSpec> ssl, Consumer<String> warnings, RandomGenerator random,
                         EchoProbe.Factory echoProbes) {
        this.ssl = ssl;
        this.echoProbes = echoProbes;
        this.warnings = warnings;
        this.random = random;
    }

    /** Registers a provider for every protocol checker type; returns the factory. */
    public CheckerFactory registerInto(CheckerFactory factory) {
        factory.register(CheckerSpec.HttpGetSpec.class, provider(
                (b, r) -> http(b, (CheckerSpec.HttpGetSpec) b.spec(), r),
                b -> new ProtoWords.Http(((CheckerSpec.HttpGetSpec) b.spec()).ssl())));
        factory.register(CheckerSpec.SmtpCheckSpec.class, provider(
                (b, r) -> smtp(b, (CheckerSpec.SmtpCheckSpec) b.spec()), b -> new ProtoWords.Smtp()));
        factory.register(CheckerSpec.DnsCheckSpec.class, provider(
                (b, r) -> dns(b, (CheckerSpec.DnsCheckSpec) b.spec()), b -> new ProtoWords.Dns()));
        factory.register(CheckerSpec.UdpCheckSpec.class, provider(
                (b, r) -> udp(b, (CheckerSpec.UdpCheckSpec) b.spec()), b -> new ProtoWords.Udp()));
        factory.register(CheckerSpec.PingCheckSpec.class, provider(
                (b, r) -> ping(b, (CheckerSpec.PingCheckSpec) b.spec()), b -> new ProtoWords.Ping()));
        return factory;
    }

    private interface Create {
        Checker create(CheckerBinding binding, Reactor reactor);
    }

    private interface Words {
        CheckerWords words(CheckerBinding binding);
    }

    private static CheckerFactory.Provider provider(Create create, Words words) {
        return new CheckerFactory.Provider() {
            @Override
            public Checker create(CheckerBinding binding, Reactor reactor) {
                return create.create(binding, reactor);
            }

            @Override
            public CheckerWords words(CheckerBinding binding) {
                return words.words(binding);
            }
        };
    }

    /** @param reactor the checker loop, for plain HTTP without a thread per check (null: virtual threads) */
    public Checker http(CheckerBinding b, CheckerSpec.HttpGetSpec spec, Reactor reactor) {
        var urls = new ArrayList<HttpUrl>();
        for (UrlSpec u : spec.urls()) {
            var url = toUrl(u, spec.tlsCompliant(), b);
            if (url.isEmpty()) {
                return failing(spec.keyword(), "url " + u.path() + " has an invalid regex");
            }
            urls.add(url.get());
        }
        var protocol = HttpProtocol.parse(spec.httpProtocol()).orElse(HttpProtocol.HTTP_1_0);
        Optional<String> vhost = spec.virtualhost().or(() -> b.realServer().virtualhost()).or(() -> b.virtualServer().virtualhost());
        var options = new HttpOptions(urls, protocol, vhost, Optional.empty(), false);
        if (spec.ssl()) {
            var context = tlsContext();
            if (context.isEmpty()) {
                return failing(spec.keyword(), tlsError);
            }
            options = new HttpOptions(urls, protocol, spec.sniName().or(() -> vhost), context, spec.enableSni());
        }
        unsupportedBindings(spec.keyword(), spec.common(), b.rsDisplay());
        if (reactor == null) {
            return new HttpGetChecker(io, CheckTarget.of(spec.common(), b.rsDisplay()), options);
        }
        if (canRegisterChannels(reactor)) {
            return new HttpGetChecker(io, reactor, null, scratchFor(reactor), CheckTarget.of(spec.common(), b.rsDisplay()), options);
        }
        // The daemon's loop polls with epoll through FFM, which cannot watch java.nio channels: plain HTTP
        // runs on our own java.nio loop, one thread for all HTTP_GET checkers.
        EventLoop own = httpLoop();
        return new HttpGetChecker(io, own, this::onHttpLoop, scratchFor(own), CheckTarget.of(spec.common(), b.rsDisplay()), options);
    }

    private Optional<HttpUrl> toUrl(UrlSpec u, boolean checkerTlsCompliant, CheckerBinding b) {
        Optional<Pattern> regex = Optional.empty();
        if (u.regex().isPresent()) {
            try {
                regex = Optional.of(Pattern.compile(u.regex().get(), regexFlags(u.regexOptions())));
            } catch (PatternSyntaxException e) {
                warnings.accept("Invalid regex: '" + u.regex().get() + "' for " + b.rsDisplay() + ": " + e.getDescription());
                return Optional.empty();
            }
        }
        var codes = new BitSet();
        var ranges = u.statusCodes().isEmpty() ? UrlSpec.DEFAULT_STATUS : u.statusCodes();
        var texts = new ArrayList<String>();
        for (var r : ranges) {
            texts.add(r.from() + "-" + r.to());
        }
        var statusCodes = StatusCodes.parse(texts).orElse(StatusCodes.defaults());
        return Optional.of(new HttpUrl(u.path(), u.digest(), statusCodes, u.virtualhost(), regex, u.regexNoMatch(),
                u.regexMinOffset(), u.regexMaxOffset(), u.tlsCompliant() || checkerTlsCompliant));
    }

    private static int regexFlags(List<String> options) {
        int flags = 0;
        for (String o : options) {
            flags |= switch (o) {
                case "caseless" -> Pattern.CASE_INSENSITIVE;
                case "multiline" -> Pattern.MULTILINE;
                case "dotall" -> Pattern.DOTALL;
                case "extended" -> Pattern.COMMENTS;
                case "utf", "utf8" -> Pattern.UNICODE_CASE;
                default -> 0;
            };
        }
        return flags;
    }

    private static boolean canRegisterChannels(Reactor reactor) {
        return !(reactor instanceof EventLoop loop) || loop.poller() instanceof NioPoller;
    }

    /**
     * The checker daemon's watch: the HTTP loop's death (an Error) or stall (a step stuck for 5 s) is the
     * checker subsystem's, which is then restarted. Set before the first check runs.
     */
    public synchronized void watchedBy(io.jkeepalived.common.ThreadWatch watch) {
        this.watch = watch;
    }

    private synchronized EventLoop httpLoop() {
        if (httpLoop == null) {
            httpLoop = new EventLoop();
        }
        return httpLoop;
    }

    /**
     * Runs {@code task} on the HTTP loop, whose thread the first check starts: a thread is born in its
     * creator's network namespace, and the checker loop's thread is where the checks' sockets must live.
     */
    private void onHttpLoop(Runnable task) {
        EventLoop loop;
        synchronized (this) {
            loop = httpLoop;
            if (httpLoopThread == null) {
                Runnable body = loop::run;
                if (watch != null) {
                    loop.watchedBy(watch.heartbeat("jkp-http-loop", java.time.Duration.ofSeconds(1)));
                    body = watch.guarded("jkp-http-loop", body);
                }
                httpLoopThread = Thread.ofPlatform().daemon().name("jkp-http-loop").start(body);
            }
        }
        loop.execute(task);
    }

    /** One read buffer per event loop, shared by every HTTP_GET exchange that loop runs. */
    private synchronized byte[] scratchFor(Reactor reactor) {
        return loopBuffers.computeIfAbsent(reactor, r -> new byte[ReactorHttpExchange.READ_CHUNK]);
    }

    private synchronized Optional<SSLContext> tlsContext() {
        if (tls == null && tlsError == null) {
            var files = ssl.map(s -> new TlsContexts.SslFiles(s.password(), s.ca().map(Path::of),
                    s.certificate().map(Path::of), s.key().map(Path::of))).orElse(TlsContexts.SslFiles.none());
            try {
                tls = TlsContexts.build(files);
            } catch (java.nio.file.NoSuchFileException e) {
                tlsError = "SSL error: no such file " + e.getFile();
                warnings.accept(tlsError);
            } catch (IOException | GeneralSecurityException e) {
                tlsError = "SSL error: " + e.getMessage();
                warnings.accept(tlsError);
            }
        }
        return Optional.ofNullable(tls);
    }

    public Checker smtp(CheckerBinding b, CheckerSpec.SmtpCheckSpec spec) {
        var commons = spec.hosts().isEmpty() ? List.of(spec.common()) : spec.hosts();
        var parts = new ArrayList<Checker>();
        for (CheckerCommonSpec c : commons) {
            String label = "[" + CheckTarget.literal(c.connectIp()) + "]:" + c.connectPort();
            unsupportedBindings("SMTP_CHECK", c, b.rsDisplay());
            parts.add(new SmtpChecker(io, CheckTarget.of(c, label), spec.heloName()));
        }
        return parts.size() == 1 ? parts.getFirst() : new AllOfChecker(parts);
    }

    public Checker dns(CheckerBinding b, CheckerSpec.DnsCheckSpec spec) {
        try {
            unsupportedBindings("DNS_CHECK", spec.common(), b.rsDisplay());
            return new DnsChecker(io, CheckTarget.of(spec.common(), b.rsDisplay()), spec.type(), spec.name(), random);
        } catch (IllegalArgumentException e) {
            warnings.accept(e.getMessage());
            return failing("DNS_CHECK", e.getMessage());
        }
    }

    public Checker udp(CheckerBinding b, CheckerSpec.UdpCheckSpec spec) {
        UdpChecker.ReplyRule rule;
        try {
            rule = spec.requireReply()
                    ? spec.replyPattern().map(p -> UdpChecker.ReplyRule.require(p, spec.minReplyLength(), spec.maxReplyLength()))
                    .orElse(new UdpChecker.ReplyRule(true, Optional.empty(), Optional.empty(), spec.minReplyLength(), spec.maxReplyLength()))
                    : UdpChecker.ReplyRule.none();
        } catch (IllegalArgumentException e) {
            warnings.accept(e.getMessage());
            return failing("UDP_CHECK", e.getMessage());
        }
        unsupportedBindings("UDP_CHECK", spec.common(), b.rsDisplay());
        // keepalived fills an unset payload with a pattern; ours is random bytes of the same size
        byte[] payload = spec.payload().orElseGet(() -> {
            byte[] p = new byte[UdpChecker.DEFAULT_PAYLOAD_LENGTH];
            random.nextBytes(p);
            return p;
        });
        return new UdpChecker(io, CheckTarget.of(spec.common(), b.rsDisplay()), Optional.of(payload), rule);
    }

    public Checker ping(CheckerBinding b, CheckerSpec.PingCheckSpec spec) {
        var c = spec.common();
        EchoProbe probe = echoProbes.open(c.bindTo(), c.bindIf(), c.fwmark());
        return new PingChecker(io, CheckTarget.of(c, b.rsDisplay()), probe, pingThreads);
    }

    /**
     * java.net and java.nio sockets offer neither SO_MARK nor SO_BINDTODEVICE (TCP_CHECK and PING_CHECK, on
     * the linux layer's sockets, apply both): say so once per checker.
     */
    private void unsupportedBindings(String keyword, CheckerCommonSpec c, String rs) {
        c.fwmark().ifPresent(m -> warnings.accept(keyword + " for " + rs + ": fwmark " + m + " is not applied to its socket"));
        c.bindIf().ifPresent(i -> warnings.accept(keyword + " for " + rs + ": bind_if " + i + " is not applied to its socket"));
    }

    private static Checker failing(String keyword, String why) {
        return new Checker() {
            @Override
            public String describe() {
                return keyword;
            }

            @Override
            public void start(Duration timeout, Consumer<CheckResult> done) {
                done.accept(CheckResult.failure(keyword + " cannot run: " + why));
            }
        };
    }

    @Override
    public void close() {
        pingThreads.shutdownNow();
        io.close();
        EventLoop loop;
        Thread thread;
        synchronized (this) {
            loop = httpLoop;
            thread = httpLoopThread;
        }
        if (loop != null) {
            loop.stop();
            try {
                if (thread != null) {
                    thread.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.close();
        }
    }
}
