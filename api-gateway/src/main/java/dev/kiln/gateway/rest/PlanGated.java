package dev.kiln.gateway.rest;

import dev.kiln.contracts.catalogue.Feature;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@code /v1} endpoint only some plans may call; others get 403 PlanRestrictedError. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PlanGated {
    Feature value();
}
