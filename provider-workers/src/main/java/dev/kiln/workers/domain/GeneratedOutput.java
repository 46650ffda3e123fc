package dev.kiln.workers.domain;

/**
 * One generated file, held in memory until it is uploaded.
 *
 * @param data        the encoded file
 * @param contentType MIME type of {@code data}, e.g. {@code image/png}
 * @param extension   file name extension used in the object key, e.g. {@code png}
 * @param width       pixel width
 * @param height      pixel height
 */
public record GeneratedOutput(byte[] data, String contentType, String extension, int width, int height) {
}
