package dev.kiln.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.kiln.contracts.events.KilnEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema files in {@code src/main/resources/kiln/schema} describe the event records
 * exactly. Generated from the records; a record change without regenerated schemas fails here.
 * Regenerate with {@code ./mvnw -pl platform-contracts test -Dkiln.schema.update=true}.
 */
class JsonSchemaTest {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void committedSchemasMatchTheEventRecords() throws Exception {
        Path dir = Path.of(System.getProperty("kiln.schema.dir", "src/main/resources/kiln/schema"));
        boolean update = Boolean.getBoolean("kiln.schema.update");
        SchemaGenerator generator = generator();
        List<Class<?>> events = List.of(KilnEvent.class.getPermittedSubclasses());
        assertThat(events).hasSize(11);
        for (Class<?> type : events) {
            KilnEvent sample = EventJsonTest.samples().stream().filter(type::isInstance).findFirst().orElseThrow();
            ObjectNode schema = generator.generateSchema(type);
            schema.put("title", type.getSimpleName());
            schema.put("$id", "urn:kiln:events:" + sample.type());
            ((ObjectNode) schema.withObject("/properties")).putObject("type").put("const", sample.type());
            var required = schema.withArray("required");
            if (required.findValues("type").isEmpty() && required.valueStream().noneMatch(n -> n.asText().equals("type"))) {
                required.add("type");
            }
            String expected = PRETTY.writeValueAsString(schema) + "\n";
            Path file = dir.resolve(sample.type() + ".schema.json");
            if (update) {
                Files.createDirectories(dir);
                Files.writeString(file, expected);
            }
            assertThat(file).as("schema of %s (regenerate with -Dkiln.schema.update=true)", type.getSimpleName()).exists();
            assertThat(Files.readString(file)).as("schema of %s is stale", type.getSimpleName()).isEqualTo(expected);
        }
    }

    /** The {@code data} of ledger CloudEvents, for finance readers. */
    @Test
    void committedLedgerDataSchemaMatchesTheRecord() throws Exception {
        Path dir = Path.of(System.getProperty("kiln.schema.dir", "src/main/resources/kiln/schema"));
        ObjectNode schema = generator().generateSchema(dev.kiln.contracts.ledger.TransferData.class);
        schema.put("title", "TransferData");
        schema.put("$id", "urn:kiln:ledger:transfer_data");
        schema.put("description", "data of the CloudEvents on " + Topics.LEDGER + " (types kiln.billing.*)");
        String expected = PRETTY.writeValueAsString(schema) + "\n";
        Path file = dir.resolve("ledger.transfer_data.schema.json");
        if (Boolean.getBoolean("kiln.schema.update")) {
            Files.writeString(file, expected);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file)).as("ledger data schema is stale").isEqualTo(expected);
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields().withPropertyNameOverrideResolver(field -> snake(field.getDeclaredName()));
        config.forFields().withRequiredCheck(field -> isRequired(field.getDeclaredName()));
        return new SchemaGenerator(config.build());
    }

    /** Fields that may be null on the wire (omitted): the rest are required. */
    private static boolean isRequired(String name) {
        return !List.of("jobId", "webhookUrl", "errorCode", "errorMessage", "model", "prompt").contains(name);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
