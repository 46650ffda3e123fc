package dev.kiln.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.TemplateDetail;
import dev.kiln.gateway.domain.TemplateSummary;
import dev.kiln.gateway.persistence.TemplateEntity;
import dev.kiln.gateway.persistence.TemplateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Templates: the built-in starter templates and each account's own.
 *
 * <p><b>Built-ins</b> ({@link BuiltinTemplates}) are rows without an account, written at startup
 * (inserted if missing, rewritten if the shipped document changed, removed if no longer shipped), so
 * that listing and paging run over one table. Every account sees them; nobody may change or delete
 * them (403 ForbiddenError). <b>Own templates</b> are visible to their account only: another
 * account's template is answered exactly like a template that does not exist (404).
 *
 * <p>Look-ups: {@code /v1/templates/{id}} takes the UUID only (seed 000: "Requires a UUID (not
 * slug)"); anything else is 404 NotFoundError. A render ({@code POST /v1/images}) takes a slug or a
 * UUID; a slug names the account's own template if it has one, else the built-in (own slugs cannot be
 * created equal to a built-in's, but a built-in shipped later must not change what an existing slug
 * renders).
 */
@ApplicationScoped
public class TemplateService {
    private static final Logger LOG = Logger.getLogger(TemplateService.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final TemplateRepository templates;

    public TemplateService(TemplateRepository templates) {
        this.templates = templates;
    }

    /** Writes the built-in templates (idempotent; several replicas may run it at once). */
    void seedBuiltIns(@Observes StartupEvent startup) {
        List<TemplateDocument> builtIns = BuiltinTemplates.all();
        Instant now = now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (TemplateDocument doc : builtIns) {
                templates.upsertBuiltIn(UUID.fromString(doc.id()), doc.slug(), doc.name(), json(doc), now);
            }
            long removed = templates.deleteBuiltInsExcept(builtIns.stream().map(d -> UUID.fromString(d.id())).toList());
            if (removed > 0) {
                LOG.infof("Removed %d built-in templates that are no longer shipped", removed);
            }
        });
        LOG.debugf("Built-in templates: %s", BuiltinTemplates.SLUGS);
    }

    /** One page of the templates the caller sees: built-ins first (by slug), then its own, newest first. */
    public List<TemplateSummary> list(Caller caller, int page, int limit) {
        JobSubmitter.checkPage(page, limit);
        return templates.pageVisible(caller.accountId(), page, limit).stream().map(TemplateService::summary).toList();
    }

    /** The template with this UUID, if the caller sees it; anything else (a slug too) → 404. */
    public TemplateDetail get(Caller caller, String id) {
        return detail(visible(caller, id));
    }

    /** Creates one of the caller's templates; 409 ConflictError if the slug is taken. */
    public TemplateDetail create(Caller caller, JsonNode body) {
        TemplateValidation.Template template = TemplateValidation.template(body);
        refuseBuiltInSlug(template.slug());
        UUID id = UUID.randomUUID();
        Instant now = now();
        String document = json(template.document(id));
        boolean inserted = QuarkusTransaction.requiringNew().call(() ->
                templates.insertOwn(id, caller.accountId(), template.slug(), template.name(), document, now));
        if (!inserted) {
            throw slugTaken(template.slug());
        }
        return QuarkusTransaction.requiringNew().call(() -> detail(templates.findById(id)));
    }

    /**
     * Replaces one of the caller's templates (name, slug, canvas, layers). Jobs submitted before keep
     * the snapshot they were submitted with.
     */
    public TemplateDetail update(Caller caller, String id, JsonNode body) {
        TemplateEntity existing = ownForChange(caller, id);
        TemplateValidation.Template template = TemplateValidation.template(body);
        refuseBuiltInSlug(template.slug());
        String document = json(template.document(existing.id));
        boolean updated;
        try {
            updated = QuarkusTransaction.requiringNew().call(() -> templates.updateOwn(existing.id, caller.accountId(),
                    template.slug(), template.name(), document, now()));
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw slugTaken(template.slug()); // a concurrent create or rename took the slug
            }
            throw e;
        }
        if (!updated) {
            // deleted meanwhile, or another of the account's templates has the slug
            if (templates.findVisible(caller.accountId(), existing.id).isEmpty()) {
                throw notFound(id);
            }
            throw slugTaken(template.slug());
        }
        return QuarkusTransaction.requiringNew().call(() -> detail(templates.findById(existing.id)));
    }

    /** Deletes one of the caller's templates. Jobs submitted before keep their snapshot. */
    public void delete(Caller caller, String id) {
        TemplateEntity existing = ownForChange(caller, id);
        if (!QuarkusTransaction.requiringNew().call(() -> templates.deleteOwn(existing.id, caller.accountId()))) {
            throw notFound(id);
        }
    }

    /** The document of the template a render names by slug or UUID, if the caller sees it; else 404. */
    public TemplateDocument resolve(Caller caller, String slugOrId) {
        Optional<UUID> id = uuid(slugOrId);
        Optional<TemplateEntity> found = id.isPresent() ? templates.findVisible(caller.accountId(), id.get())
                : templates.findVisibleBySlug(caller.accountId(), slugOrId.strip());
        return document(found.orElseThrow(() -> notFound(slugOrId)));
    }

    private TemplateEntity visible(Caller caller, String id) {
        return uuid(id).flatMap(uuid -> templates.findVisible(caller.accountId(), uuid))
                .orElseThrow(() -> notFound(id));
    }

    private TemplateEntity ownForChange(Caller caller, String id) {
        TemplateEntity template = visible(caller, id);
        if (template.builtIn()) {
            throw ApiException.forbidden("Template '" + template.slug + "' is a built-in template and cannot be "
                    + "changed or deleted; create your own copy with POST /v1/templates");
        }
        return template;
    }

    private void refuseBuiltInSlug(String slug) {
        if (templates.builtInSlug(slug)) {
            throw ApiException.conflict("'slug' '" + slug + "' is the slug of a built-in template; choose another");
        }
    }

    private static ApiException slugTaken(String slug) {
        return ApiException.conflict("'slug' '" + slug + "' is already used by another of your templates");
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Template '" + id + "' not found");
    }

    private static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            String s = value.strip();
            UUID id = UUID.fromString(s);
            // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form is an id
            return id.toString().equalsIgnoreCase(s) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static TemplateSummary summary(TemplateEntity e) {
        TemplateDocument.Canvas canvas = document(e).canvas();
        return new TemplateSummary(e.id, e.name, e.slug, canvas.width(), canvas.height(), canvas.backgroundColor(),
                e.builtIn(), e.createdAt, e.updatedAt);
    }

    static TemplateDetail detail(TemplateEntity e) {
        TemplateDocument doc = document(e);
        List<TemplateDetail.AvailableProperty> properties = doc.layers().stream()
                .map(TemplateService::availableProperty).toList();
        return new TemplateDetail(e.id, e.name, e.slug, doc.canvas().width(), doc.canvas().height(), properties,
                doc.canvas(), doc.layers(), e.builtIn(), e.createdAt, e.updatedAt);
    }

    private static TemplateDetail.AvailableProperty availableProperty(Layer layer) {
        return new TemplateDetail.AvailableProperty(layer.name(), layer.propertyType(),
                TemplateValidation.layerType(layer), TemplateValidation.defaults(layer));
    }

    /** The stored document, with the row's id, slug and name (the row is authoritative). */
    private static TemplateDocument document(TemplateEntity e) {
        try {
            TemplateDocument doc = KilnJson.mapper().readValue(e.document, TemplateDocument.class);
            return new TemplateDocument(e.id.toString(), e.slug, e.name, doc.canvas(), doc.layers());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Unreadable template " + e.id, ex);
        }
    }

    private static String json(TemplateDocument doc) {
        try {
            return KilnJson.mapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Postgres keeps microseconds: answers show what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
