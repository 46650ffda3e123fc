package dev.kiln.contracts.events;

/**
 * One stored output object.
 *
 * @param objectKey   key of the object in the asset bucket
 * @param contentType MIME type, e.g. {@code image/png}
 * @param bytes       size in bytes
 * @param width       pixel width
 * @param height      pixel height
 */
public record Asset(String objectKey, String contentType, long bytes, int width, int height) {
}
