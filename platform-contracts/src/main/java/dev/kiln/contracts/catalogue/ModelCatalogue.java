package dev.kiln.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.json.KilnJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model catalogue: which models exist, which options each accepts, what each combination
 * outputs and costs, and which worker pool serves it by default. It is data
 * ({@code kiln/models.json} on the classpath), read once; validation (gateway), pricing (gateway,
 * billing) and routing (orchestrator) all use this one source.
 */
public final class ModelCatalogue {
    public static final String RESOURCE = "kiln/models.json";

    private final Map<String, Model> models;

    private ModelCatalogue(Map<String, Model> models) {
        this.models = models;
    }

    /** The catalogue shipped with Kiln. */
    public static ModelCatalogue load() {
        try (InputStream in = ModelCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelCatalogue parse(InputStream json) throws IOException {
        ObjectMapper mapper = KilnJson.mapper();
        Document doc = mapper.readValue(json, Document.class);
        Map<String, Model> byId = new LinkedHashMap<>();
        for (Model m : doc.models()) {
            byId.put(m.id(), m);
        }
        return new ModelCatalogue(byId);
    }

    public Optional<Model> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public List<Model> models(JobKind kind) {
        return models.values().stream().filter(m -> m.kind() == kind).toList();
    }

    public List<Model> all() {
        return List.copyOf(models.values());
    }

    /**
     * Resolves a request into a priced job spec, applying the model's defaults.
     *
     * @throws InvalidOptionException naming the field and its allowed values if any option is not
     *                                offered by the model
     */
    public Priced resolve(JobKind kind, String modelId, String prompt, String aspectRatio, String imageSize) {
        Model model;
        if (modelId == null) {
            model = models(kind).stream().filter(Model::defaultForKind).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No default model for " + kind));
        } else {
            model = models.get(modelId);
            if (model == null || model.kind() != kind) {
                throw new InvalidOptionException("model", modelId, models(kind).stream().map(Model::id).toList());
            }
        }
        String size = imageSize == null ? model.defaultSize() : imageSize;
        Map<String, List<Integer>> ratios = model.sizes().get(size);
        if (ratios == null) {
            throw new InvalidOptionException("image_size", size, List.copyOf(model.sizes().keySet()));
        }
        String ratio = aspectRatio == null ? model.defaultRatio() : aspectRatio;
        List<Integer> dims = ratios.get(ratio);
        if (dims == null) {
            throw new InvalidOptionException("aspect_ratio", ratio, List.copyOf(ratios.keySet()));
        }
        Long price = model.priceCredits().get(size);
        if (price == null) {
            throw new IllegalStateException("No price for " + model.id() + " " + size);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("aspect_ratio", ratio);
        options.put("image_size", size);
        JobSpec spec = new JobSpec(kind, model.id(), prompt, options, dims.get(0), dims.get(1), model.format());
        return new Priced(spec, price, model.pool());
    }

    /** A resolved request: what to make, what it costs, who makes it by default. */
    public record Priced(JobSpec spec, long priceCredits, String defaultPool) {
    }

    /** One catalogue entry. */
    public record Model(String id, String name, JobKind kind,
                        @JsonProperty("default_for_kind") boolean defaultForKind,
                        String pool, String format, String defaultSize, String defaultRatio,
                        Map<String, Map<String, List<Integer>>> sizes,
                        Map<String, Long> priceCredits) {
    }

    record Document(List<Model> models) {
    }

    /** A request option the model does not offer. */
    public static final class InvalidOptionException extends IllegalArgumentException {
        private final String field;
        private final List<String> allowed;

        public InvalidOptionException(String field, String value, List<String> allowed) {
            super("Invalid " + field + " '" + value + "'; allowed values: " + String.join(", ", allowed));
            this.field = field;
            this.allowed = List.copyOf(allowed);
        }

        public String field() {
            return field;
        }

        public List<String> allowed() {
            return allowed;
        }
    }
}
