package io.hashfence.agent.cli;

/** The exit codes of {@code hashfence-agent}. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** A wrong flag, a missing setting, or an invalid config or sites file. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
