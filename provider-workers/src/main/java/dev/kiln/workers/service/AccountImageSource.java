package dev.kiln.workers.service;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.workers.render.ImageFetchException;
import dev.kiln.workers.render.ImageSource;
import dev.kiln.workers.render.Images;

import java.awt.image.BufferedImage;

/**
 * The pictures of one job's image layers: a stored-asset reference ({@code kiln-asset:…}) is read from the
 * bucket through {@link StoredAssets} — only an output of the job's own account, within the image caps —
 * and decoded with the same pixel cap as a fetched picture; any other URL goes to the pool's
 * {@link ImageSource} (in production the safe fetcher: public addresses only).
 */
public final class AccountImageSource implements ImageSource {
    private final ImageSource urls;
    private final StoredAssets stored;
    private final String accountId;
    private final long maxBytes;
    private final long maxPixels;

    /**
     * @param urls      where ordinary URLs are fetched
     * @param stored    the bucket's stored assets
     * @param accountId the job's account
     * @param maxBytes  largest stored picture read
     * @param maxPixels largest decoded picture, width × height
     */
    public AccountImageSource(ImageSource urls, StoredAssets stored, String accountId, long maxBytes, long maxPixels) {
        this.urls = urls;
        this.stored = stored;
        this.accountId = accountId;
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    @Override
    public BufferedImage load(String url) throws ImageFetchException {
        if (AssetUrls.isReference(url)) {
            return Images.decode(stored.read(url, accountId, maxBytes), maxPixels);
        }
        return urls.load(url);
    }
}
