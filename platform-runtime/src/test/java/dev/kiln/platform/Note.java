package dev.kiln.platform;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A tiny entity of the test application, standing for a service's own state. */
@Entity
public class Note {
    @Id
    public String id;
    public String text;
}
