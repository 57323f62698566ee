package dev.berth.cli.format;

/**
 * A template that does not parse or fails while executing. The message reads as Go's does
 * ({@code template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"}), because
 * scripts and users compare them with docker's.
 */
public final class TemplateException extends Exception {

  private final boolean parse;

  public TemplateException(String message, boolean parse) {
    super(message);
    this.parse = parse;
  }

  /** True when the template did not parse (docker exits 64 from inspect for these). */
  public boolean isParseError() {
    return parse;
  }
}
