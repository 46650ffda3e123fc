package dev.kiln.gateway;

import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka, Postgres and Redis for every test class of this module (declared once, applies to all). */
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "s3", value = "false"))
public final class InfraResources {
    private InfraResources() {
    }
}
