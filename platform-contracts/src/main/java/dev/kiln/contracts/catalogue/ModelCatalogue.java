package dev.kiln.contracts.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.json.KilnJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model catalogue: which models exist, which options each accepts, which combinations of
 * options are allowed, what each combination outputs and costs, and which worker pool serves it by
 * default. It is data ({@code kiln/models.json} on the classpath, prices optionally overridden by
 * an operator's file, see {@link #load()}), read once and validated when loaded; validation
 * (gateway), pricing (gateway) and routing (orchestrator) all use this one source.
 *
 * <p>Resolution is generic: each model lists its options and their values, its defaults, and
 * combination {@linkplain Rule rules} ("when resolution is 1080p, duration must be 6s"); the engine
 * checks the values, fills in the defaults and evaluates the rules without knowing any model.
 */
public final class ModelCatalogue {
    /** The built-in catalogue on the classpath. */
    public static final String RESOURCE = "kiln/models.json";
    /** Environment variable naming a price-override file (JSON or properties). */
    public static final String PRICE_TABLE_ENV = "KILN_PRICE_TABLE";
    /** System property naming a price-override file; takes precedence over the environment variable. */
    public static final String PRICE_TABLE_PROPERTY = "kiln.price-table";

    /** Option name of the aspect ratio, e.g. {@code 16:9}. */
    public static final String ASPECT_RATIO = "aspect_ratio";
    /** Option name of an image size, e.g. {@code 1K}. */
    public static final String IMAGE_SIZE = "image_size";
    /** Option name of a video resolution, e.g. {@code 1080p}. */
    public static final String RESOLUTION = "resolution";
    /** Option name of a video duration, e.g. {@code 6s}. */
    public static final String DURATION = "duration";

    private final Map<String, Model> models;

    private ModelCatalogue(Map<String, Model> models) {
        this.models = Collections.unmodifiableMap(models);
    }

    /**
     * The catalogue shipped with Kiln, with the prices of the file named by the system property
     * {@value #PRICE_TABLE_PROPERTY} or the environment variable {@value #PRICE_TABLE_ENV} applied
     * if either is set (the property wins).
     *
     * @throws IllegalStateException if the catalogue or the override file is missing or invalid
     */
    public static ModelCatalogue load() {
        String override = System.getProperty(PRICE_TABLE_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(PRICE_TABLE_ENV);
        }
        return override == null || override.isBlank() ? builtIn() : load(Path.of(override.trim()));
    }

    /**
     * The catalogue shipped with Kiln with the prices in {@code pricesOverride} replacing the
     * built-in ones (ignores {@value #PRICE_TABLE_PROPERTY} / {@value #PRICE_TABLE_ENV}). The file is
     * a {@code .properties} file or a JSON object of {@code "<model>.<price key>": credits} entries,
     * e.g. {@code gemini-2.5-flash-image.1K=5} or {@code MiniMax-Hailuo-2.3.1080p.6s=60}; JSON may also
     * nest them as {@code {"<model>": {"<price key>": credits}}}.
     *
     * @throws IllegalStateException if the file cannot be read, names an unknown model or price key,
     *                               or gives a price that is not a positive whole number
     */
    public static ModelCatalogue load(Path pricesOverride) {
        Map<String, Long> overrides = PriceOverrides.read(pricesOverride);
        return builtIn().withPrices(overrides, pricesOverride.toString());
    }

    private static ModelCatalogue builtIn() {
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
        CatalogueDocument doc = mapper.readValue(json, CatalogueDocument.class);
        Map<String, Model> byId = new LinkedHashMap<>();
        for (CatalogueDocument.ModelEntry entry : doc.models()) {
            Model model = Model.from(entry, doc);
            if (byId.putIfAbsent(model.id(), model) != null) {
                throw new IllegalStateException("Duplicate model id " + model.id());
            }
        }
        ModelCatalogue catalogue = new ModelCatalogue(byId);
        catalogue.validate();
        return catalogue;
    }

    private ModelCatalogue withPrices(Map<String, Long> overrides, String source) {
        Map<String, Map<String, Long>> perModel = new HashMap<>();
        for (Map.Entry<String, Long> e : overrides.entrySet()) {
            String key = e.getKey();
            Model model = models.values().stream()
                    .filter(m -> key.startsWith(m.id() + ".") && m.prices().containsKey(key.substring(m.id().length() + 1)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Price override '" + key + "' in " + source
                            + " names no model and price key of the catalogue; known keys: " + priceKeys()));
            if (e.getValue() == null || e.getValue() <= 0) {
                throw new IllegalStateException("Price override '" + key + "' in " + source + " must be a positive number of credits");
            }
            perModel.computeIfAbsent(model.id(), id -> new HashMap<>()).put(key.substring(model.id().length() + 1), e.getValue());
        }
        Map<String, Model> updated = new LinkedHashMap<>();
        for (Model m : models.values()) {
            updated.put(m.id(), m.withPrices(perModel.getOrDefault(m.id(), Map.of())));
        }
        return new ModelCatalogue(updated);
    }

    private List<String> priceKeys() {
        return models.values().stream().flatMap(m -> m.prices().keySet().stream().map(k -> m.id() + "." + k)).toList();
    }

    /** Every model must have one valid pool, a valid default and a size and price for every combination. */
    private void validate() {
        for (JobKind kind : JobKind.values()) {
            long defaults = models(kind).stream().filter(Model::defaultForKind).count();
            if (defaults > 1 || (defaults == 0 && !models(kind).isEmpty())) {
                throw new IllegalStateException("Exactly one default model needed for " + kind.wire() + ", found " + defaults);
            }
        }
        for (Model m : models.values()) {
            Topics.dispatch(m.pool());
            resolveOptions(m, Map.of());
            if (allCombinations(m.id()).isEmpty()) {
                throw new IllegalStateException("Model " + m.id() + " allows no combination");
            }
        }
    }

    public Optional<Model> find(String id) {
        return Optional.ofNullable(id == null ? null : models.get(id));
    }

    public List<Model> models(JobKind kind) {
        return models.values().stream().filter(m -> m.kind() == kind).toList();
    }

    public List<Model> all() {
        return List.copyOf(models.values());
    }

    /** The model used when a request names none. */
    public Optional<Model> defaultModel(JobKind kind) {
        return models(kind).stream().filter(Model::defaultForKind).findFirst();
    }

    /**
     * Resolves an image request into a priced job spec, applying the model's defaults. Same as
     * {@link #resolve(JobKind, String, String, Map)} with {@code aspect_ratio} and {@code image_size}.
     *
     * @throws InvalidOptionException naming the field and its allowed values if the model or an
     *                                option is not offered
     */
    public Priced resolve(JobKind kind, String modelId, String prompt, String aspectRatio, String imageSize) {
        Map<String, String> options = new LinkedHashMap<>();
        if (imageSize != null) {
            options.put(IMAGE_SIZE, imageSize);
        }
        if (aspectRatio != null) {
            options.put(ASPECT_RATIO, aspectRatio);
        }
        return resolve(kind, modelId, prompt, options);
    }

    /**
     * Resolves a request into a priced job spec: checks the model is of {@code kind}, checks every
     * option against the values the model offers, fills in missing options with the model's
     * defaults (or, where a rule excludes the default, the first value allowed in the combination),
     * evaluates the model's combination rules, and looks up the output size and price.
     *
     * @param kind    the kind of output requested
     * @param modelId catalogue model id; {@code null} for the kind's default model
     * @param prompt  the user's prompt (copied into the spec)
     * @param options option name to value, e.g. {@code aspect_ratio=9:16, resolution=1080p,
     *                duration=6s}; {@code null} values count as absent
     * @throws InvalidOptionException naming the field and the values allowed (in that combination)
     */
    public Priced resolve(JobKind kind, String modelId, String prompt, Map<String, String> options) {
        Model model = model(kind, modelId);
        Map<String, String> resolved = resolveOptions(model, options == null ? Map.of() : options);
        return price(model, resolved, prompt);
    }

    private Model model(JobKind kind, String modelId) {
        List<String> ofKind = models(kind).stream().map(Model::id).toList();
        if (modelId == null) {
            return defaultModel(kind).orElseThrow(() -> new InvalidOptionException("model", null, ofKind,
                    "No " + kind.wire() + " model is offered"));
        }
        Model model = models.get(modelId);
        if (model == null) {
            throw new InvalidOptionException("model", modelId, ofKind);
        }
        if (model.kind() != kind) {
            throw new InvalidOptionException("model", modelId, ofKind, "model '" + modelId + "' is an "
                    + model.kind().wire() + " model, not " + kind.wire() + "; allowed values: " + String.join(", ", ofKind));
        }
        return model;
    }

    private static Map<String, String> resolveOptions(Model model, Map<String, String> given) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            List<String> offered = model.options().get(e.getKey());
            if (offered == null) {
                throw new InvalidOptionException(e.getKey(), e.getValue(), List.of(), "Option " + e.getKey()
                        + " is not offered by " + model.id() + "; its options: " + String.join(", ", model.options().keySet()));
            }
        }
        // 1. every given value must be one the model offers at all
        for (Map.Entry<String, List<String>> option : model.options().entrySet()) {
            String value = given.get(option.getKey());
            if (value != null) {
                if (!option.getValue().contains(value)) {
                    throw new InvalidOptionException(option.getKey(), value, option.getValue(), "Invalid "
                            + option.getKey() + " '" + value + "' for " + model.id() + "; allowed values: "
                            + String.join(", ", option.getValue()));
                }
                chosen.put(option.getKey(), value);
            }
        }
        // 2. the rules, over the values the caller chose
        checkRules(model, chosen);
        // 3. defaults for the rest: the first completion, in option order, that the rules allow,
        //    trying each missing option's default before its other values
        List<String> missing = model.options().keySet().stream().filter(name -> !chosen.containsKey(name)).toList();
        if (!complete(model, chosen, missing, 0)) {
            String field = chosen.keySet().stream().reduce((a, b) -> b).orElseThrow(
                    () -> new IllegalStateException("No combination of " + model.id() + " satisfies its rules"));
            Map<String, String> others = new LinkedHashMap<>(chosen);
            String value = others.remove(field);
            List<String> allowed = model.options().get(field).stream()
                    .filter(v -> {
                        Map<String, String> trial = new LinkedHashMap<>(others);
                        trial.put(field, v);
                        return complete(model, trial, missing, 0);
                    }).toList();
            String with = others.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(" and "));
            throw new InvalidOptionException(field, value, allowed, field + " '" + value + "' leaves no allowed combination"
                    + (with.isEmpty() ? "" : " with " + with) + " for " + model.id() + "; allowed: " + String.join(", ", allowed));
        }
        checkRules(model, chosen);
        Map<String, String> ordered = new LinkedHashMap<>();
        model.options().keySet().forEach(name -> ordered.put(name, chosen.get(name)));
        return ordered;
    }

    private static void checkRules(Model model, Map<String, String> chosen) {
        for (Rule rule : model.rules()) {
            if (!rule.applies(chosen)) {
                continue;
            }
            for (Map.Entry<String, List<String>> then : rule.then().entrySet()) {
                String field = then.getKey();
                String value = chosen.get(field);
                if (value != null && !then.getValue().contains(value)) {
                    Map<String, String> others = new LinkedHashMap<>(chosen);
                    others.remove(field);
                    List<String> allowed = allowedInCombination(model, field, others);
                    String with = rule.when().keySet().stream().map(k -> k + " " + chosen.get(k))
                            .collect(Collectors.joining(" and "));
                    throw new InvalidOptionException(field, value, allowed, field + " '" + value
                            + "' is not available with " + with + " for " + model.id() + "; allowed: "
                            + String.join(", ", allowed));
                }
            }
        }
    }

    /** Fills {@code missing[i..]} into {@code chosen} (defaults first); false, leaving it unchanged, if no completion passes the rules. */
    private static boolean complete(Model model, Map<String, String> chosen, List<String> missing, int i) {
        if (i == missing.size()) {
            return model.rules().stream().allMatch(r -> r.permits(chosen));
        }
        String name = missing.get(i);
        List<String> candidates = new ArrayList<>(model.options().get(name));
        String preferred = model.defaults().get(name);
        if (preferred != null && candidates.remove(preferred)) {
            candidates.add(0, preferred);
        }
        for (String candidate : candidates) {
            chosen.put(name, candidate);
            if (model.rules().stream().allMatch(r -> r.permits(chosen)) && complete(model, chosen, missing, i + 1)) {
                return true;
            }
        }
        chosen.remove(name);
        return false;
    }

    /** The values of {@code field} that no rule excludes, given the other options chosen so far. */
    private static List<String> allowedInCombination(Model model, String field, Map<String, String> others) {
        List<String> out = new ArrayList<>();
        for (String candidate : model.options().get(field)) {
            Map<String, String> trial = new LinkedHashMap<>(others);
            trial.put(field, candidate);
            if (model.rules().stream().allMatch(r -> r.permits(trial))) {
                out.add(candidate);
            }
        }
        return out;
    }

    private static Priced price(Model model, Map<String, String> options, String prompt) {
        int[] size = model.dimensions(options);
        long credits = model.priceOf(options);
        JobSpec spec = new JobSpec(model.kind(), model.id(), prompt, options, size[0], size[1], model.format());
        return new Priced(spec, credits, model.pool());
    }

    /** Every combination of options {@code modelId} allows, with its output size and price. */
    public List<Combination> allCombinations(String modelId) {
        Model model = find(modelId).orElseThrow(() -> new InvalidOptionException("model", modelId, List.copyOf(models.keySet())));
        List<Map<String, String>> partial = List.of(Map.of());
        for (Map.Entry<String, List<String>> option : model.options().entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : partial) {
                for (String value : option.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(p);
                    m.put(option.getKey(), value);
                    next.add(m);
                }
            }
            partial = next;
        }
        List<Combination> out = new ArrayList<>();
        for (Map<String, String> options : partial) {
            if (model.rules().stream().allMatch(r -> r.permits(options))) {
                Priced p = price(model, options, null);
                out.add(new Combination(model.id(), model.kind(), Collections.unmodifiableMap(new LinkedHashMap<>(options)),
                        p.spec().width(), p.spec().height(), model.format(), p.priceCredits(), model.pool()));
            }
        }
        return List.copyOf(out);
    }

    /** Every combination of every model, model by model. */
    public List<Combination> allCombinations() {
        return models.keySet().stream().flatMap(id -> allCombinations(id).stream()).toList();
    }

    /** A resolved request: what to make, what it costs, who makes it by default. */
    public record Priced(JobSpec spec, long priceCredits, String defaultPool) {
    }

    /**
     * One allowed combination of a model's options.
     *
     * @param options every option of the model, in catalogue order (what {@link JobSpec#options()} holds)
     */
    public record Combination(String model, JobKind kind, Map<String, String> options, int width, int height,
                              String format, long priceCredits, String pool) {
    }

    /**
     * A combination rule: when every option named in {@code when} has one of the listed values,
     * each option named in {@code then} must have one of its listed values.
     */
    public record Rule(Map<String, List<String>> when, Map<String, List<String>> then) {
        public Rule {
            when = when == null ? Map.of() : Map.copyOf(when);
            then = then == null ? Map.of() : Map.copyOf(then);
        }

        /** Whether the condition holds for these options (an option not yet chosen never matches). */
        public boolean applies(Map<String, String> options) {
            return when.entrySet().stream().allMatch(c -> c.getValue().contains(options.get(c.getKey())));
        }

        /** Whether these (possibly partial) options satisfy the rule. */
        public boolean permits(Map<String, String> options) {
            return !applies(options) || then.entrySet().stream()
                    .allMatch(c -> options.get(c.getKey()) == null || c.getValue().contains(options.get(c.getKey())));
        }
    }

    /** One catalogue entry. */
    public static final class Model {
        private final String id;
        private final String name;
        private final JobKind kind;
        private final String family;
        private final boolean defaultForKind;
        private final String pool;
        private final String format;
        private final Map<String, List<String>> options;
        private final Map<String, String> defaults;
        private final List<Rule> rules;
        private final List<String> dimensionsBy;
        private final JsonNode dimensionTable;
        private final List<String> pricesBy;
        private final Map<String, Long> prices;

        private Model(String id, String name, JobKind kind, String family, boolean defaultForKind, String pool,
                      String format, Map<String, List<String>> options, Map<String, String> defaults, List<Rule> rules,
                      List<String> dimensionsBy, JsonNode dimensionTable, List<String> pricesBy, Map<String, Long> prices) {
            this.id = id;
            this.name = name;
            this.kind = kind;
            this.family = family;
            this.defaultForKind = defaultForKind;
            this.pool = pool;
            this.format = format;
            this.options = options;
            this.defaults = defaults;
            this.rules = rules;
            this.dimensionsBy = dimensionsBy;
            this.dimensionTable = dimensionTable;
            this.pricesBy = pricesBy;
            this.prices = prices;
        }

        static Model from(CatalogueDocument.ModelEntry e, CatalogueDocument doc) {
            String where = "model " + e.id();
            require(e.id() != null && e.kind() != null && e.pool() != null && e.format() != null && e.family() != null,
                    where + " needs id, kind, family, pool and format");
            require(e.options() != null && !e.options().isEmpty(), where + " needs options");
            Map<String, List<String>> options = new LinkedHashMap<>();
            e.options().forEach((name, values) -> {
                List<String> expanded = new ArrayList<>();
                for (String v : values) {
                    if (v.startsWith("@")) {
                        List<String> set = doc.ratioSets() == null ? null : doc.ratioSets().get(v.substring(1));
                        require(set != null, where + " refers to unknown ratio set " + v);
                        expanded.addAll(set);
                    } else {
                        expanded.add(v);
                    }
                }
                require(!expanded.isEmpty() && expanded.stream().distinct().count() == expanded.size(),
                        where + " option " + name + " needs distinct values");
                options.put(name, List.copyOf(expanded));
            });
            Map<String, String> defaults = e.defaults() == null ? Map.of() : Map.copyOf(e.defaults());
            defaults.forEach((k, v) -> require(options.containsKey(k) && options.get(k).contains(v),
                    where + " default " + k + "=" + v + " is not an offered value"));
            List<Rule> rules = e.rules() == null ? List.of() : List.copyOf(e.rules());
            for (Rule r : rules) {
                for (Map<String, List<String>> part : List.of(r.when(), r.then())) {
                    part.forEach((k, vs) -> require(options.containsKey(k) && options.get(k).containsAll(vs),
                            where + " rule " + r + " names an option or value the model does not offer"));
                }
                require(!r.then().isEmpty(), where + " rule " + r + " constrains nothing");
            }
            require(e.dimensions() != null && e.dimensions().by() != null && e.dimensions().table() != null,
                    where + " needs dimensions.table and dimensions.by");
            JsonNode table = doc.dimensionTables() == null ? null : doc.dimensionTables().get(e.dimensions().table());
            require(table != null, where + " refers to unknown dimension table " + e.dimensions().table());
            require(e.prices() != null && e.prices().by() != null && e.prices().credits() != null,
                    where + " needs prices.by and prices.credits");
            for (String by : concat(e.dimensions().by(), e.prices().by())) {
                require(options.containsKey(by), where + " keys dimensions or prices by unknown option " + by);
            }
            Model model = new Model(e.id(), e.name(), e.kind(), e.family(), e.defaultForKind(), e.pool(), e.format(),
                    Collections.unmodifiableMap(options), defaults, rules, List.copyOf(e.dimensions().by()), table,
                    List.copyOf(e.prices().by()), Map.copyOf(e.prices().credits()));
            model.prices.forEach((k, v) -> require(v != null && v > 0, where + " price " + k + " must be positive"));
            return model;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalStateException("Invalid " + RESOURCE + ": " + message);
            }
        }

        Model withPrices(Map<String, Long> overrides) {
            if (overrides.isEmpty()) {
                return this;
            }
            Map<String, Long> merged = new HashMap<>(prices);
            merged.putAll(overrides);
            return new Model(id, name, kind, family, defaultForKind, pool, format, options, defaults, rules,
                    dimensionsBy, dimensionTable, pricesBy, Map.copyOf(merged));
        }

        int[] dimensions(Map<String, String> chosen) {
            JsonNode node = dimensionTable;
            for (String by : dimensionsBy) {
                node = node == null ? null : node.get(chosen.get(by));
            }
            if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).canConvertToInt()
                    || node.get(0).asInt() <= 0 || node.get(1).asInt() <= 0) {
                throw new IllegalStateException("Invalid " + RESOURCE + ": no output size for " + id + " " + chosen);
            }
            return new int[]{node.get(0).asInt(), node.get(1).asInt()};
        }

        long priceOf(Map<String, String> chosen) {
            String key = priceKey(chosen);
            Long credits = prices.get(key);
            if (credits == null) {
                throw new IllegalStateException("Invalid " + RESOURCE + ": no price for " + id + " " + key);
            }
            return credits;
        }

        /** The key of a combination in the price table: the {@code prices.by} values joined by dots, e.g. {@code 1080p.6s}. */
        public String priceKey(Map<String, String> chosen) {
            return pricesBy.stream().map(chosen::get).collect(Collectors.joining("."));
        }

        public String id() {
            return id;
        }

        /** Display name, e.g. {@code Nano Banana}. */
        public String name() {
            return name;
        }

        public JobKind kind() {
            return kind;
        }

        /** Provider family, e.g. {@code gemini-image}, {@code veo-video}. */
        public String family() {
            return family;
        }

        /** Whether this is the model used when a request of its kind names none. */
        public boolean defaultForKind() {
            return defaultForKind;
        }

        /** The worker pool that serves this model unless routing overrides it. */
        public String pool() {
            return pool;
        }

        /** Output content type, e.g. {@code image/png}, {@code video/mp4}. */
        public String format() {
            return format;
        }

        /** Option name to every value the model offers (before combination rules), in catalogue order. */
        public Map<String, List<String>> options() {
            return options;
        }

        /** The values of one option, or an empty list if the model has no such option. */
        public List<String> allowed(String option) {
            return options.getOrDefault(option, List.of());
        }

        /** Option name to the value used when a request omits it. */
        public Map<String, String> defaults() {
            return defaults;
        }

        public List<Rule> rules() {
            return rules;
        }

        /** Price key (see {@link #priceKey(Map)}) to credits, after any operator override. */
        public Map<String, Long> prices() {
            return prices;
        }

        /** The options the price depends on, e.g. {@code [resolution, duration]}. */
        public List<String> pricesBy() {
            return pricesBy;
        }

        @Override
        public String toString() {
            return "Model[" + id + "]";
        }
    }

    /** A request option the model does not offer (in that combination). */
    public static final class InvalidOptionException extends IllegalArgumentException {
        private final String field;
        private final String value;
        private final List<String> allowed;

        public InvalidOptionException(String field, String value, List<String> allowed) {
            this(field, value, allowed, "Invalid " + field + " '" + value + "'; allowed values: " + String.join(", ", allowed));
        }

        public InvalidOptionException(String field, String value, List<String> allowed, String message) {
            super(message);
            this.field = field;
            this.value = value;
            this.allowed = List.copyOf(allowed);
        }

        /** The request field at fault, e.g. {@code duration} or {@code model}. */
        public String field() {
            return field;
        }

        /** The rejected value ({@code null} if none was given). */
        public String value() {
            return value;
        }

        /** The values that would have been accepted in this combination. */
        public List<String> allowed() {
            return allowed;
        }
    }
}
