package dev.berth.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of endpoints that create something and answer with its ID only, such as exec create. */
public record IdResponse(@JsonProperty("Id") String id) {}
