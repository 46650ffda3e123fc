package dev.kiln.assets.service;

import java.io.InputStream;

/**
 * An object read from the bucket: its metadata and, for GET, its content as a stream that the
 * caller must close.
 *
 * @param contentType stored content type
 * @param length      exact size in bytes
 * @param etag        entity tag without quotes
 * @param content     the bytes, or null when only the metadata was asked for
 */
public record StoredObject(String contentType, long length, String etag, InputStream content) {
}
