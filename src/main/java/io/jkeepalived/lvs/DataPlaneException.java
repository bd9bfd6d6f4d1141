package io.jkeepalived.lvs;

/** The data plane could not be read or changed at all (socket gone, library missing, ...). */
public final class DataPlaneException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataPlaneException(String message) {
        super(message);
    }

    public DataPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
