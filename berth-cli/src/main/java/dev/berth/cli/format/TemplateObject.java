package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * A value whose fields are computed, like the docker CLI's formatter contexts
 * ({@code .ID}, {@code .Names}, {@code .Label "key"}): a template field resolves to a method call.
 */
public interface TemplateObject {

  /**
   * Evaluates {@code .name} with {@code args} ({@code .Label "k"}).
   *
   * @throws TemplateException with Go's wording when there is no such field or the arguments
   *     do not fit, e.g. {@code can't evaluate field Foo in type *formatter.ContainerContext}
   */
  Object field(String name, List<Object> args) throws TemplateException;

  /** The fields {@code {{json .}}} shows, already in their JSON order. */
  Map<String, Object> jsonFields();

  /** Go type name for error messages. */
  String typeName();
}
