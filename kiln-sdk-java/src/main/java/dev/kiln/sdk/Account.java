package dev.kiln.sdk;

/**
 * The caller's account ({@code GET /account}).
 *
 * @param plan             {@code free}, {@code automate}, {@code scale} or {@code enterprise}
 * @param apiUsage         credits captured by finished jobs
 * @param apiQuota         credits granted
 * @param creditsAvailable credits that new jobs can use
 * @param creditsHeld      credits reserved by running jobs
 */
public record Account(String id, String name, String plan, long apiUsage, long apiQuota, long creditsAvailable,
                      long creditsHeld) {
}
