package dev.kiln.gateway.service;

import dev.kiln.contracts.events.JobRequested;
import dev.kiln.gateway.domain.SentValues;

/**
 * A validated, priced template job not yet submitted: the request to send (which may carry stored-asset
 * references, see {@link StoredAssets}) and the values its caller sent, which the API shows.
 */
public record TemplateJob(JobRequested request, SentValues sent) {
}
