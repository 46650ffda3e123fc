package dev.kiln.sdk;

import com.fasterxml.jackson.databind.JavaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Templates: {@code GET /templates?page&limit} and {@code GET /templates/{id}}. */
public final class TemplatesApi {
    private static final JavaType LIST = Transport.JSON.getTypeFactory()
            .constructCollectionType(List.class, TemplateSummary.class);

    private final Transport transport;

    TemplatesApi(Transport transport) {
        this.transport = transport;
    }

    /** The first page of templates (25): the built-in ones and the account's own. */
    public List<TemplateSummary> list() {
        return list(ListParams.defaults());
    }

    /** A page of templates; the API answers a bare array. */
    public List<TemplateSummary> list(ListParams params) {
        ListParams p = params == null ? ListParams.defaults() : params;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", p.page());
        query.put("limit", p.limit());
        return transport.get("/templates", query, LIST, RequestOptions.none());
    }

    /**
     * A template by id or slug, with the properties a template image may set.
     *
     * @throws NotFoundException no such template for this account
     */
    public Template get(String id) {
        return transport.get("/templates/" + Transport.segment(id), Template.class, RequestOptions.none());
    }
}
