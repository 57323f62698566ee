package dev.berth.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the error text from what an OCI runtime printed. runc prints logrus lines such as {@code
 * time="..." level=error msg="container does not exist"}; the messages of the error lines are what
 * a user should see. Output in any other shape (another runtime) is kept as it is.
 */
final class RuntimeMessages {

  private static final Pattern LOGRUS =
      Pattern.compile("level=(\\w+)\\s+msg=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+))");

  private RuntimeMessages() {}

  static String errorText(String output) {
    List<String> errors = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher m = LOGRUS.matcher(line);
      if (m.find() && isError(m.group(1))) {
        errors.add(m.group(2) != null ? unquote(m.group(2)) : m.group(3));
      }
    }
    return errors.isEmpty() ? output.strip() : String.join("; ", errors);
  }

  private static boolean isError(String level) {
    return level.equals("error") || level.equals("fatal") || level.equals("panic");
  }

  /** Undoes Go's %q quoting (the body between the quotes). */
  static String unquote(String quoted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(quoted.length());
    int i = 0;
    while (i < quoted.length()) {
      char c = quoted.charAt(i++);
      if (c != '\\' || i == quoted.length()) {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      char e = quoted.charAt(i++);
      switch (e) {
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(11);
        case 'x' -> i = hex(quoted, i, 2, out, true);
        case 'u' -> i = hex(quoted, i, 4, out, false);
        case 'U' -> i = hex(quoted, i, 8, out, false);
        default -> out.writeBytes(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  // \xNN is one byte; \\u and \\U are code points, written as UTF-8.
  private static int hex(
      String s, int from, int digits, ByteArrayOutputStream out, boolean isByte) {
    int end = Math.min(s.length(), from + digits);
    int value;
    try {
      value = Integer.parseInt(s.substring(from, end), 16);
    } catch (NumberFormatException ex) {
      out.writeBytes(s.substring(from - 2, end).getBytes(StandardCharsets.UTF_8));
      return end;
    }
    if (isByte) {
      out.write(value);
    } else {
      out.writeBytes(Character.toString(value).getBytes(StandardCharsets.UTF_8));
    }
    return end;
  }
}
