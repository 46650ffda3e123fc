package dev.kiln.sdk;

import com.fasterxml.jackson.databind.JavaType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Create, read, list and wait for jobs of one kind; see {@link AiImagesApi}, {@link AiVideosApi} and
 * {@link TemplateImagesApi}.
 *
 * @param <J> the job record
 * @param <P> the create parameters
 */
public abstract sealed class JobsApi<J extends Job, P> permits AiImagesApi, AiVideosApi, TemplateImagesApi, TemplateVideosApi {
    private final Transport transport;
    private final String path;
    private final Class<J> jobType;
    private final JavaType listType;
    private final Duration defaultPollInterval;
    private final Duration defaultTimeout;

    JobsApi(Transport transport, String path, Class<J> jobType, Duration defaultPollInterval, Duration defaultTimeout) {
        this.transport = transport;
        this.path = path;
        this.jobType = jobType;
        this.listType = Transport.JSON.getTypeFactory().constructCollectionType(List.class, jobType);
        this.defaultPollInterval = defaultPollInterval;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Submits a job. Answers once Kiln has reserved the job's credits, with status {@code pending}; the job then runs
     * asynchronously — poll {@link #get(String)}, use {@link #createAndWait}, or pass a webhook URL.
     *
     * @throws ValidationException    a value the API rejects, e.g. an unknown model or template property
     * @throws QuotaExceededException the credits do not cover the job (nothing created, nothing charged)
     * @throws PlanRestrictedException the plan does not include this kind of job
     */
    public J create(P params) {
        return create(params, RequestOptions.none());
    }

    /** {@link #create(Object)} with per-call options, e.g. {@code RequestOptions.idempotencyKey("order-42")}. */
    public J create(P params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.post(path, params, jobType, options);
    }

    /**
     * A job by uid.
     *
     * @throws NotFoundException no such job for this account
     */
    public J get(String uid) {
        return get(uid, RequestOptions.none());
    }

    private J get(String uid, RequestOptions options) {
        return transport.get(path + "/" + Transport.segment(uid), jobType, options);
    }

    /** The first page of the account's jobs (25), newest first. */
    public List<J> list() {
        return list(ListParams.defaults());
    }

    /** A page of the account's jobs, newest first; the API answers a bare array. */
    public List<J> list(ListParams params) {
        ListParams p = params == null ? ListParams.defaults() : params;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", p.page());
        query.put("limit", p.limit());
        return transport.get(path, query, listType, RequestOptions.none());
    }

    /** The poll interval of {@link #createAndWait(Object)} and {@link #waitFor(String)}. */
    public Duration defaultPollInterval() {
        return defaultPollInterval;
    }

    /** How long {@link #createAndWait(Object)} and {@link #waitFor(String)} wait at most. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /**
     * Creates a job and polls it until it is {@code completed} or {@code failed}, with the default poll interval and
     * timeout. Not an API endpoint: the SDK polls {@link #get(String)}.
     *
     * <p><b>A failed job is returned, not thrown</b>: check {@link Job#isCompleted()} or {@link Job#error()}. Only
     * the API's error answers (e.g. {@link QuotaExceededException} on create) and a timeout throw.
     *
     * @throws KilnTimeoutException the job was not finished within the timeout (it keeps running)
     */
    public J createAndWait(P params) {
        return createAndWait(params, defaultPollInterval, defaultTimeout, RequestOptions.none());
    }

    /** {@link #createAndWait(Object)} with per-call options of the create, e.g. an idempotency key. */
    public J createAndWait(P params, RequestOptions options) {
        return createAndWait(params, defaultPollInterval, defaultTimeout, options);
    }

    /**
     * {@link #createAndWait(Object)} with this poll interval and timeout (counted from the job's creation).
     */
    public J createAndWait(P params, Duration pollInterval, Duration timeout) {
        return createAndWait(params, pollInterval, timeout, RequestOptions.none());
    }

    /** {@link #createAndWait(Object, Duration, Duration)} with per-call options of the create. */
    public J createAndWait(P params, Duration pollInterval, Duration timeout, RequestOptions options) {
        checkPositive(pollInterval, "pollInterval");
        checkPositive(timeout, "timeout");
        return await(create(params, options), pollInterval, timeout);
    }

    /**
     * Polls an existing job until it is {@code completed} or {@code failed}, with the default poll interval and
     * timeout; a failed job is returned, not thrown.
     *
     * @throws NotFoundException    no such job for this account
     * @throws KilnTimeoutException the job was not finished within the timeout
     */
    public J waitFor(String uid) {
        return waitFor(uid, defaultPollInterval, defaultTimeout);
    }

    /** {@link #waitFor(String)} with this poll interval and timeout. */
    public J waitFor(String uid, Duration pollInterval, Duration timeout) {
        checkPositive(pollInterval, "pollInterval");
        checkPositive(timeout, "timeout");
        return await(get(uid), pollInterval, timeout);
    }

    /**
     * Polls until terminal. While polling, answers that say "try again" do not end the wait: 429 (waiting at least
     * its {@code Retry-After}), 503, no answer within the request timeout, and connection failures. Any other error
     * is thrown.
     */
    private J await(J job, Duration pollInterval, Duration timeout) {
        String uid = job.uid();
        String lastStatus = job.status();
        if (job.isTerminal()) {
            return job;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = pollInterval;
        KilnException lastTransient = null;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new KilnTimeoutException("Job " + uid + " did not finish within " + timeout
                        + " (last status: " + lastStatus + ")", uid, lastStatus, lastTransient);
            }
            sleep(min(pause, Duration.ofNanos(remaining)), uid);
            pause = pollInterval;
            try {
                Duration requestTimeout = min(transport.timeout(),
                        max(Duration.ofNanos(deadline - System.nanoTime()), Duration.ofSeconds(1)));
                J current = get(uid, RequestOptions.timeout(requestTimeout));
                lastStatus = current.status();
                if (current.isTerminal()) {
                    return current;
                }
            } catch (RateLimitException e) {
                lastTransient = e;
                pause = max(pollInterval, e.retryAfter().orElse(Duration.ZERO));
            } catch (ServiceUnavailableException | KilnConnectionException e) {
                lastTransient = e;
            } catch (KilnTimeoutException e) {
                lastTransient = e;
            }
        }
    }

    private static void sleep(Duration pause, String uid) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KilnException("Interrupted while waiting for job " + uid, 0, null, null, Map.of(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
