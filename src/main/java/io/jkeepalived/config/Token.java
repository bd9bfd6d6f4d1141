package io.jkeepalived.config;

/** One word of a configuration line after quoting, escapes and definitions were applied. */
public record Token(String text, SourcePos pos) {
    @Override
    public String toString() {
        return text;
    }
}
