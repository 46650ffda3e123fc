package dev.kiln.gateway.service;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.gateway.config.AssetsConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Media URLs of template jobs that point at this platform's own stored assets.
 *
 * <p>A signed asset URL this gateway handed out ({@code kiln.assets.base-url} + {@code /v1/assets/…},
 * signed with {@code kiln.assets.signing-key}; see {@link AssetUrls#objectKeyOf}) expires after
 * {@code kiln.assets.url-ttl}. When a caller feeds one back as a job input (a template video's
 * {@code input_media_url} or {@code audio_url}, an image property's {@code image_url}, or an image
 * layer's default {@code image_url} in the template), the job carries a stored-asset reference
 * ({@code kiln-asset:<object key>}) instead, which the worker reads from the bucket however long the job
 * waits. Whether the URL has expired does not matter: a valid signature proves it came from here. Only
 * the account's own outputs ({@code outputs/<account>/…}) may be referenced; any other asset of this
 * platform is a 400 ValidationError naming the field. Every other URL is passed on unchanged.
 *
 * <p>Callers never send references themselves: {@link TemplateValidation} accepts only http(s) URLs.
 */
@ApplicationScoped
public class StoredAssets {
    private final AssetUrls urls;
    private final AssetsConfig config;

    public StoredAssets(AssetUrls urls, AssetsConfig config) {
        this.urls = urls;
        this.config = config;
    }

    /**
     * What a job carries for a URL the caller sent (already checked to be http(s)): a stored-asset
     * reference for a signed asset URL of the caller's account, the URL itself if it is not an asset
     * URL of this platform; {@code null} for null.
     *
     * @param field how messages name the field, e.g. {@code 'input_media_url'}
     * @throws ApiException ValidationError if the URL is an asset of this platform the caller does not own
     */
    public String forJob(Caller caller, String url, String field) {
        if (url == null) {
            return null;
        }
        Optional<String> objectKey = urls.objectKeyOf(config.baseUrl(), url);
        if (objectKey.isEmpty()) {
            return url;
        }
        return ownReference(caller, objectKey.get(), field);
    }

    /** The property values as the job carries them: image URLs of the caller's assets as references. */
    public List<PropertyValue> forJob(Caller caller, List<PropertyValue> properties) {
        List<PropertyValue> out = new ArrayList<>(properties.size());
        for (PropertyValue p : properties) {
            out.add(p.imageUrl() == null ? p : new PropertyValue(p.name(), p.text(),
                    forJob(caller, p.imageUrl(), "Property '" + p.name() + "': 'image_url'"), p.color()));
        }
        return out;
    }

    /**
     * The template snapshot as the job carries it: image layers whose default {@code image_url} is a
     * signed asset URL of the caller's account get the reference. The default of a layer the request
     * gives a property for is never drawn; it is left as it is.
     *
     * @throws ApiException ValidationError naming the layer if a default that would be drawn is an
     *                      asset of this platform the caller does not own
     */
    public TemplateDocument forJob(Caller caller, TemplateDocument template, List<PropertyValue> properties) {
        Set<String> given = properties.stream().map(PropertyValue::name).collect(Collectors.toSet());
        List<Layer> layers = new ArrayList<>(template.layers().size());
        boolean changed = false;
        for (Layer layer : template.layers()) {
            if (layer instanceof Layer.Image image && image.imageUrl() != null && !given.contains(image.name())) {
                String field = "Template '" + template.slug() + "': the default 'image_url' of layer '"
                        + image.name() + "'";
                String carried = AssetUrls.isReference(image.imageUrl())
                        ? ownReference(caller, AssetUrls.objectKeyOfReference(image.imageUrl()), field)
                        : forJob(caller, image.imageUrl(), field);
                if (!carried.equals(image.imageUrl())) {
                    layer = new Layer.Image(image.name(), image.x(), image.y(), image.width(), image.height(), carried,
                            image.fit(), image.cornerRadius());
                    changed = true;
                }
            }
            layers.add(layer);
        }
        return changed ? new TemplateDocument(template.id(), template.slug(), template.name(), template.canvas(), layers)
                : template;
    }

    /**
     * A signed URL (valid for {@code kiln.assets.url-ttl} from {@code now}) for a stored-asset reference;
     * any other value unchanged. Shows a job's inputs when what the caller sent is not recorded.
     */
    public String forDisplay(String value, Instant now) {
        return AssetUrls.isReference(value)
                ? urls.sign(config.baseUrl(), AssetUrls.objectKeyOfReference(value), now.plus(config.urlTtl()))
                : value;
    }

    private static String ownReference(Caller caller, String objectKey, String field) {
        if (!AssetUrls.accountOf(objectKey).map(caller.accountId()::equals).orElse(false)) {
            throw ApiException.validation(field + " is not an asset of this account");
        }
        return AssetUrls.reference(objectKey);
    }
}
