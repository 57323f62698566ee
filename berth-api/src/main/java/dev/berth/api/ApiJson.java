package dev.berth.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of the Engine API, configured like Go's {@code encoding/json} as moby uses it:
 * clients send fields we don't model yet, so unknown properties are ignored rather than refused;
 * property names match case-insensitively on input; which nulls appear in output is decided per
 * record with {@code @JsonInclude}, as Docker's Go structs decide it with {@code omitempty}.
 */
public final class ApiJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
      .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
      .build();

  private ApiJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
