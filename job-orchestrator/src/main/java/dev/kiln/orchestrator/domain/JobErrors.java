package dev.kiln.orchestrator.domain;

/** Error codes the orchestrator itself gives failed jobs (workers give their own). */
public final class JobErrors {
    /** The job did not finish within {@code kiln.orchestrator.job-timeout}. */
    public static final String TIMEOUT = "timeout";
    /** No worker pool serves the job's model. */
    public static final String UNROUTABLE_MODEL = "unroutable_model";

    private JobErrors() {
    }
}
