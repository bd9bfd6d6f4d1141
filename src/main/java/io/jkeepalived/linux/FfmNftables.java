package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * libnftables.so.1 (Debian: libnftables1) through downcall handles: a context with buffered output and
 * error text, so errors come back as nft wrote them ("Error: Could not process rule: No such file or
 * directory") instead of on our stderr. The library is looked up on first use only: a host without it
 * fails {@link #open()} with a clear message, nothing else.
 */
@SuppressWarnings("restricted") // linking libnftables is what this class is for
final class FfmNftables implements Nftables {
    /** libnftables.h: NFT_CTX_DEFAULT. */
    private static final int NFT_CTX_DEFAULT = 0;
    /** libnftables.h: NFT_CTX_OUTPUT_JSON. */
    private static final int NFT_CTX_OUTPUT_JSON = 1 << 4;

    /** The handles, resolved once when the first context opens. */
    private static final class Lib {
        static final Arena LIB_ARENA = Arena.global();
        static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup("libnftables.so.1", LIB_ARENA);
        static final MethodHandle CTX_NEW = handle("nft_ctx_new", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        static final MethodHandle CTX_FREE = handle("nft_ctx_free", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle BUFFER_OUTPUT = handle("nft_ctx_buffer_output", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle BUFFER_ERROR = handle("nft_ctx_buffer_error", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle GET_OUTPUT = handle("nft_ctx_get_output_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GET_ERROR = handle("nft_ctx_get_error_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GET_FLAGS = handle("nft_ctx_output_get_flags", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle SET_FLAGS = handle("nft_ctx_output_set_flags", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        static final MethodHandle RUN = handle("nft_run_cmd_from_buffer", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            var symbol = LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libnftables.so.1 has no " + name));
            return Libc.LINKER.downcallHandle(symbol, descriptor);
        }
    }

    private final MemorySegment ctx;
    private final int plainFlags;
    private boolean closed;

    private FfmNftables(MemorySegment ctx, int plainFlags) {
        this.ctx = ctx;
        this.plainFlags = plainFlags;
    }

    static Nftables open() throws NftablesException {
        MemorySegment ctx;
        try {
            ctx = (MemorySegment) Lib.CTX_NEW.invokeExact(NFT_CTX_DEFAULT);
        } catch (IllegalArgumentException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new NftablesException("dlopen(libnftables.so.1)", "not available (Debian package libnftables1): " + e);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ctx.equals(MemorySegment.NULL)) {
            throw new NftablesException("nft_ctx_new", "returned NULL");
        }
        try {
            if ((int) Lib.BUFFER_OUTPUT.invokeExact(ctx) != 0 || (int) Lib.BUFFER_ERROR.invokeExact(ctx) != 0) {
                Lib.CTX_FREE.invokeExact(ctx);
                throw new NftablesException("nft_ctx_buffer_output", "cannot buffer output");
            }
            int flags = (int) Lib.GET_FLAGS.invokeExact(ctx);
            return new FfmNftables(ctx, flags);
        } catch (NftablesException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public String run(String commands) throws NftablesException {
        return execute(commands, plainFlags);
    }

    @Override
    public String listJson(String command) throws NftablesException {
        return execute(command, plainFlags | NFT_CTX_OUTPUT_JSON);
    }

    private String execute(String commands, int flags) throws NftablesException {
        if (closed) {
            throw new NftablesException("nft_run_cmd_from_buffer", "context closed");
        }
        try (var arena = Arena.ofConfined()) {
            Lib.SET_FLAGS.invokeExact(ctx, flags);
            int rc = (int) Lib.RUN.invokeExact(ctx, arena.allocateFrom(commands));
            // reading a buffer also resets it for the next command
            String out = text((MemorySegment) Lib.GET_OUTPUT.invokeExact(ctx));
            String err = text((MemorySegment) Lib.GET_ERROR.invokeExact(ctx));
            if (rc != 0) {
                throw new NftablesException("nft_run_cmd_from_buffer", err.isBlank() ? "failed (rc " + rc + ")" : err.strip());
            }
            return out;
        } catch (NftablesException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static String text(MemorySegment s) {
        return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(Long.MAX_VALUE).getString(0);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                Lib.CTX_FREE.invokeExact(ctx);
            } catch (Throwable t) {
                throw unexpected(t);
            }
        }
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
