package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The part of Go's text/template that docker users write in {@code --format}: text, actions with
 * trim markers, fields and chains ({@code .State.Status}), variables ({@code $}, {@code $x :=}),
 * pipelines with {@code |}, parentheses, literals, function calls, method-style fields with
 * arguments ({@code .Label "k"}), {@code if}/{@code else if}/{@code else}, {@code range} (with
 * {@code $i, $v :=}, {@code else}, {@code break}, {@code continue}), {@code with}, and comments.
 * Missing map keys are errors, as with docker's {@code missingkey=error}.
 *
 * <pre>{@code
 * Template t = Template.parse("{{range .Mounts}}{{.Source}} {{end}}");
 * String s = t.execute(data, Funcs.docker());
 * }</pre>
 */
public final class Template {

  private final String source;
  private final List<Node> root;

  private Template(String source, List<Node> root) {
    this.source = source;
    this.root = root;
  }

  public String source() {
    return source;
  }

  // ------------------------------------------------------------------ nodes

  sealed interface Node permits Text, Action, If, Range, With, Break, Continue {}

  record Text(String text) implements Node {}

  record Action(int pos, Pipe pipe) implements Node {}

  record If(int pos, Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {}

  record With(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {}

  record Break(int pos) implements Node {}

  record Continue(int pos) implements Node {}

  /** {@code $a, $b := cmd | cmd}. */
  record Pipe(int pos, List<String> decl, boolean assign, List<Cmd> cmds, String text) {}

  record Cmd(int pos, List<Arg> args) {}

  sealed interface Arg permits Field, Var, Dot, Lit, Ident, Sub, Chain {}

  record Field(int pos, List<String> names) implements Arg {}

  record Var(int pos, String name, List<String> names) implements Arg {}

  record Dot(int pos) implements Arg {}

  record Lit(int pos, Object value) implements Arg {}

  record Ident(int pos, String name) implements Arg {}

  record Sub(int pos, Pipe pipe) implements Arg {}

  /** {@code (pipe).Field.Field}. */
  record Chain(int pos, Arg base, List<String> names) implements Arg {}

  // ------------------------------------------------------------------ lexing

  private enum T { FIELD, VAR, DOT, STRING, NUMBER, CHAR, IDENT, PIPE, LPAREN, RPAREN, DECLARE, ASSIGN, COMMA, BOOL, NIL, EOF }

  private record Tok(T type, String text, int pos, boolean spaceBefore) {}

  private static List<Tok> lexAction(String src, int start, int end) throws TemplateException {
    List<Tok> toks = new ArrayList<>();
    int i = start;
    boolean space = false;
    while (i < end) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = true;
        i++;
        continue;
      }
      int p = i;
      if (c == '|') {
        toks.add(new Tok(T.PIPE, "|", p, space));
        i++;
      } else if (c == '(') {
        toks.add(new Tok(T.LPAREN, "(", p, space));
        i++;
      } else if (c == ')') {
        toks.add(new Tok(T.RPAREN, ")", p, space));
        i++;
      } else if (c == ',') {
        toks.add(new Tok(T.COMMA, ",", p, space));
        i++;
      } else if (c == ':' && i + 1 < end && src.charAt(i + 1) == '=') {
        toks.add(new Tok(T.DECLARE, ":=", p, space));
        i += 2;
      } else if (c == '=') {
        toks.add(new Tok(T.ASSIGN, "=", p, space));
        i++;
      } else if (c == '"') {
        int j = i + 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
          if (j >= end) {
            throw parseError(src, p, "unterminated quoted string");
          }
          char d = src.charAt(j);
          if (d == '"') {
            break;
          }
          if (d == '\n') {
            throw parseError(src, p, "unterminated quoted string");
          }
          if (d == '\\') {
            j++;
            if (j >= end) {
              throw parseError(src, p, "unterminated quoted string");
            }
            char e = src.charAt(j);
            switch (e) {
              case 'n' -> sb.append('\n');
              case 't' -> sb.append('\t');
              case 'r' -> sb.append('\r');
              case '\\' -> sb.append('\\');
              case '"' -> sb.append('"');
              case '\'' -> sb.append('\'');
              case 'a' -> sb.append('\u0007');
              case 'b' -> sb.append('\b');
              case 'f' -> sb.append('\f');
              case 'v' -> sb.append('\u000b');
              case '0' -> sb.append('\0');
              case 'x' -> {
                sb.append((char) Integer.parseInt(src.substring(j + 1, j + 3), 16));
                j += 2;
              }
              case 'u' -> {
                sb.append((char) Integer.parseInt(src.substring(j + 1, j + 5), 16));
                j += 4;
              }
              default -> throw parseError(src, p, "invalid syntax");
            }
            j++;
            continue;
          }
          sb.append(d);
          j++;
        }
        toks.add(new Tok(T.STRING, sb.toString(), p, space));
        i = j + 1;
      } else if (c == '`') {
        int j = src.indexOf('`', i + 1);
        if (j < 0 || j >= end) {
          throw parseError(src, p, "unterminated raw quoted string");
        }
        toks.add(new Tok(T.STRING, src.substring(i + 1, j), p, space));
        i = j + 1;
      } else if (c == '\'') {
        int j = i + 1;
        String ch;
        if (j < end && src.charAt(j) == '\\') {
          char e = src.charAt(j + 1);
          ch = switch (e) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case '\\' -> "\\";
            case '\'' -> "'";
            default -> String.valueOf(e);
          };
          j += 2;
        } else {
          int cp = src.codePointAt(j);
          ch = new String(Character.toChars(cp));
          j += Character.charCount(cp);
        }
        if (j >= end || src.charAt(j) != '\'') {
          throw parseError(src, p, "unterminated character constant");
        }
        toks.add(new Tok(T.CHAR, ch, p, space));
        i = j + 1;
      } else if (c == '.' && (i + 1 >= end || !isIdentChar(src.charAt(i + 1)))) {
        if (i + 1 < end && Character.isDigit(src.charAt(i + 1))) {
          int j = scanNumber(src, i, end);
          toks.add(new Tok(T.NUMBER, src.substring(i, j), p, space));
          i = j;
        } else {
          toks.add(new Tok(T.DOT, ".", p, space));
          i++;
        }
      } else if (c == '.') {
        int j = i + 1;
        while (j < end && isIdentChar(src.charAt(j))) {
          j++;
        }
        toks.add(new Tok(T.FIELD, src.substring(i + 1, j), p, space));
        i = j;
      } else if (c == '$') {
        int j = i + 1;
        while (j < end && isIdentChar(src.charAt(j))) {
          j++;
        }
        toks.add(new Tok(T.VAR, src.substring(i, j), p, space));
        i = j;
      } else if (Character.isDigit(c) || (c == '-' || c == '+') && i + 1 < end
          && (Character.isDigit(src.charAt(i + 1)) || src.charAt(i + 1) == '.')) {
        int j = scanNumber(src, i, end);
        toks.add(new Tok(T.NUMBER, src.substring(i, j), p, space));
        i = j;
      } else if (isIdentChar(c)) {
        int j = i;
        while (j < end && isIdentChar(src.charAt(j))) {
          j++;
        }
        String w = src.substring(i, j);
        T t = switch (w) {
          case "true", "false" -> T.BOOL;
          case "nil" -> T.NIL;
          default -> T.IDENT;
        };
        toks.add(new Tok(t, w, p, space));
        i = j;
      } else {
        throw parseError(src, p, "unexpected \"" + c + "\" in command");
      }
      space = false;
    }
    toks.add(new Tok(T.EOF, "", end, true));
    return toks;
  }

  private static int scanNumber(String s, int i, int end) {
    int j = i;
    if (s.charAt(j) == '-' || s.charAt(j) == '+') {
      j++;
    }
    while (j < end && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_'
        || (s.charAt(j) == '-' || s.charAt(j) == '+') && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E'))) {
      j++;
    }
    return j;
  }

  private static boolean isIdentChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  // ------------------------------------------------------------------ parsing

  /** One lexed piece of the source: text, or an action's tokens. */
  private record Item(String text, List<Tok> toks, int pos) {}

  /** Parses {@code source}; functions other than Go's and docker's ({@link Funcs#docker()}) are errors. */
  public static Template parse(String source) throws TemplateException {
    return parse(source, java.util.Set.of());
  }

  /** Parses {@code source}, also allowing the functions named in {@code extraFuncs}. */
  public static Template parse(String source, java.util.Set<String> extraFuncs) throws TemplateException {
    List<Item> items = split(source);
    Parser p = new Parser(source, items);
    List<Node> nodes = p.list(Collections.emptySet());
    if (p.end != null) {
      throw parseError(source, p.endPos, "unexpected {{" + p.end + "}}");
    }
    Template t = new Template(source, nodes);
    t.checkFunctions(nodes, extraFuncs);
    return t;
  }

  private static List<Item> split(String src) throws TemplateException {
    List<Item> items = new ArrayList<>();
    int i = 0;
    int n = src.length();
    boolean trimNext = false;
    while (i < n) {
      int open = src.indexOf("{{", i);
      String text = open < 0 ? src.substring(i) : src.substring(i, open);
      if (trimNext) {
        text = stripLeading(text);
      }
      boolean trimPrev = open >= 0 && open + 3 < n && src.charAt(open + 2) == '-'
          && isSpace(src.charAt(open + 3));
      if (trimPrev) {
        text = stripTrailing(text);
      }
      if (!text.isEmpty()) {
        items.add(new Item(text, null, i));
      }
      if (open < 0) {
        break;
      }
      int inner = open + 2 + (trimPrev ? 2 : 0);
      // comments
      int k = inner;
      while (k < n && isSpace(src.charAt(k))) {
        k++;
      }
      int close;
      if (src.startsWith("/*", k)) {
        int endComment = src.indexOf("*/", k + 2);
        if (endComment < 0) {
          throw parseError(src, open, "unclosed comment");
        }
        int c = endComment + 2;
        while (c < n && isSpace(src.charAt(c))) {
          c++;
        }
        boolean trimAfter = false;
        if (src.startsWith("-}}", c) && c > endComment + 2) {
          trimAfter = true;
          c += 1;
        }
        if (!src.startsWith("}}", c)) {
          throw parseError(src, open, "comment ends before closing delimiter");
        }
        i = c + 2;
        trimNext = trimAfter;
        continue;
      }
      close = findClose(src, inner);
      if (close < 0) {
        throw parseError(src, open, "unclosed action");
      }
      boolean trimAfter = close >= inner + 2 && src.charAt(close - 1) == '-' && isSpace(src.charAt(close - 2));
      int actionEnd = trimAfter ? close - 1 : close;
      items.add(new Item(null, lexAction(src, inner, actionEnd), open));
      i = close + 2;
      trimNext = trimAfter;
    }
    return items;
  }

  /** The index of the closing {@code }}} of an action, skipping quoted strings. */
  private static int findClose(String src, int from) {
    int i = from;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '"') {
        i++;
        while (i < n && src.charAt(i) != '"') {
          if (src.charAt(i) == '\\') {
            i++;
          }
          if (i < n && src.charAt(i) == '\n') {
            return -1;
          }
          i++;
        }
        i++;
      } else if (c == '`') {
        int j = src.indexOf('`', i + 1);
        if (j < 0) {
          return -1;
        }
        i = j + 1;
      } else if (c == '}' && i + 1 < n && src.charAt(i + 1) == '}') {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }

  static TemplateException parseError(String src, int pos, String msg) {
    return new TemplateException("template: :" + lineOf(src, pos) + ": " + msg, true);
  }

  static int lineOf(String src, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  static int colOf(String src, int pos) {
    int nl = src.lastIndexOf('\n', Math.max(pos - 1, 0));
    return pos - (nl + 1);
  }

  private static final class Parser {
    private final String src;
    private final List<Item> items;
    private int idx;
    /** The keyword that ended the last list: "end", "else", or null at end of input. */
    String end;
    int endPos;
    /** Tokens after {@code else} ({@code else if ...}). */
    List<Tok> elseRest;
    private int rangeDepth;

    Parser(String src, List<Item> items) {
      this.src = src;
      this.items = items;
    }

    /** Parses nodes until end of input or an {@code end}/{@code else} (recorded in {@link #end}). */
    List<Node> list(java.util.Set<String> stops) throws TemplateException {
      List<Node> out = new ArrayList<>();
      end = null;
      while (idx < items.size()) {
        Item it = items.get(idx++);
        if (it.text() != null) {
          out.add(new Text(it.text()));
          continue;
        }
        List<Tok> toks = it.toks();
        Tok first = toks.get(0);
        if (first.type() == T.EOF) {
          throw parseError(src, it.pos(), "missing value for command");
        }
        if (first.type() == T.IDENT) {
          switch (first.text()) {
            case "end" -> {
              end = "end";
              endPos = it.pos();
              return out;
            }
            case "else" -> {
              end = "else";
              endPos = it.pos();
              elseRest = toks.subList(1, toks.size());
              return out;
            }
            case "if" -> {
              out.add(parseIf(it.pos(), toks.subList(1, toks.size())));
              continue;
            }
            case "range" -> {
              out.add(parseRange(it.pos(), toks.subList(1, toks.size())));
              continue;
            }
            case "with" -> {
              out.add(parseWith(it.pos(), toks.subList(1, toks.size())));
              continue;
            }
            case "break", "continue" -> {
              if (rangeDepth == 0) {
                throw parseError(src, it.pos(), "{{" + first.text() + "}} outside {{range}}");
              }
              out.add(first.text().equals("break") ? new Break(it.pos()) : new Continue(it.pos()));
              continue;
            }
            case "define", "template", "block" ->
                throw parseError(src, it.pos(), "{{" + first.text() + "}} is not supported");
            default -> { }
          }
        }
        out.add(new Action(it.pos(), pipeline(toks, 0, toks.size() - 1, false)));
      }
      return out;
    }

    private If parseIf(int pos, List<Tok> toks) throws TemplateException {
      Pipe pipe = pipeline(toks, 0, toks.size() - 1, false);
      List<Node> then = list(Collections.emptySet());
      List<Node> otherwise = null;
      if (end == null) {
        throw parseError(src, pos, "unexpected EOF");
      }
      if (end.equals("else")) {
        List<Tok> rest = elseRest;
        if (rest.get(0).type() == T.IDENT && rest.get(0).text().equals("if")) {
          otherwise = List.of(parseIf(endPos, rest.subList(1, rest.size())));
          return new If(pos, pipe, then, otherwise);
        }
        if (rest.get(0).type() == T.IDENT && rest.get(0).text().equals("with")) {
          otherwise = List.of(parseWith(endPos, rest.subList(1, rest.size())));
          return new If(pos, pipe, then, otherwise);
        }
        otherwise = list(Collections.emptySet());
        if (!"end".equals(end)) {
          throw parseError(src, pos, "expected end; found " + (end == null ? "EOF" : "{{" + end + "}}"));
        }
      }
      end = null;
      return new If(pos, pipe, then, otherwise);
    }

    private With parseWith(int pos, List<Tok> toks) throws TemplateException {
      Pipe pipe = pipeline(toks, 0, toks.size() - 1, false);
      List<Node> body = list(Collections.emptySet());
      List<Node> otherwise = null;
      if (end == null) {
        throw parseError(src, pos, "unexpected EOF");
      }
      if (end.equals("else")) {
        List<Tok> rest = elseRest;
        if (rest.get(0).type() == T.IDENT && rest.get(0).text().equals("with")) {
          otherwise = List.of(parseWith(endPos, rest.subList(1, rest.size())));
          return new With(pos, pipe, body, otherwise);
        }
        otherwise = list(Collections.emptySet());
        if (!"end".equals(end)) {
          throw parseError(src, pos, "expected end; found " + (end == null ? "EOF" : "{{" + end + "}}"));
        }
      }
      end = null;
      return new With(pos, pipe, body, otherwise);
    }

    private Range parseRange(int pos, List<Tok> toks) throws TemplateException {
      Pipe pipe = pipeline(toks, 0, toks.size() - 1, true);
      rangeDepth++;
      List<Node> body = list(Collections.emptySet());
      rangeDepth--;
      List<Node> otherwise = null;
      if (end == null) {
        throw parseError(src, pos, "unexpected EOF");
      }
      if (end.equals("else")) {
        otherwise = list(Collections.emptySet());
        if (!"end".equals(end)) {
          throw parseError(src, pos, "expected end; found " + (end == null ? "EOF" : "{{" + end + "}}"));
        }
      }
      end = null;
      return new Range(pos, pipe, body, otherwise);
    }

    /** Parses toks[from, to) as a pipeline. */
    Pipe pipeline(List<Tok> toks, int from, int to, boolean range) throws TemplateException {
      int pos = toks.get(Math.min(from, toks.size() - 1)).pos();
      List<String> decl = new ArrayList<>();
      boolean assign = false;
      int i = from;
      // declarations: $x := / $x = / $i, $e :=
      if (i < to && toks.get(i).type() == T.VAR) {
        int j = i;
        List<String> vars = new ArrayList<>();
        vars.add(toks.get(j).text());
        j++;
        if (range && j < to && toks.get(j).type() == T.COMMA && j + 1 < to && toks.get(j + 1).type() == T.VAR) {
          vars.add(toks.get(j + 1).text());
          j += 2;
        }
        if (j < to && (toks.get(j).type() == T.DECLARE || toks.get(j).type() == T.ASSIGN)) {
          assign = toks.get(j).type() == T.ASSIGN;
          decl = vars;
          i = j + 1;
        }
      }
      List<Cmd> cmds = new ArrayList<>();
      int start = i;
      int depth = 0;
      for (int k = i; k <= to; k++) {
        T t = k < to ? toks.get(k).type() : T.EOF;
        if (t == T.LPAREN) {
          depth++;
        } else if (t == T.RPAREN) {
          depth--;
          if (depth < 0) {
            throw parseError(src, toks.get(k).pos(), "unexpected right paren");
          }
        } else if ((t == T.PIPE && depth == 0) || k == to) {
          if (k == start) {
            throw parseError(src, k < toks.size() ? toks.get(Math.min(k, toks.size() - 1)).pos() : pos,
                "missing value for command");
          }
          cmds.add(command(toks, start, k));
          start = k + 1;
        }
      }
      if (depth != 0) {
        throw parseError(src, pos, "unclosed left paren");
      }
      if (cmds.isEmpty()) {
        throw parseError(src, pos, "missing value for command");
      }
      String text = src.substring(toks.get(from).pos(), Math.max(toks.get(from).pos(), toks.get(to).pos())).strip();
      return new Pipe(pos, decl, assign, cmds, text);
    }

    private Cmd command(List<Tok> toks, int from, int to) throws TemplateException {
      List<Arg> args = new ArrayList<>();
      int i = from;
      while (i < to) {
        int[] next = new int[1];
        args.add(operand(toks, i, to, next));
        i = next[0];
      }
      return new Cmd(toks.get(from).pos(), args);
    }

    private Arg operand(List<Tok> toks, int i, int to, int[] next) throws TemplateException {
      Tok t = toks.get(i);
      Arg base;
      int j = i + 1;
      switch (t.type()) {
        case FIELD -> {
          List<String> names = new ArrayList<>();
          names.add(t.text());
          while (j < to && toks.get(j).type() == T.FIELD && !toks.get(j).spaceBefore()) {
            names.add(toks.get(j).text());
            j++;
          }
          next[0] = j;
          return new Field(t.pos(), names);
        }
        case VAR -> {
          List<String> names = new ArrayList<>();
          while (j < to && toks.get(j).type() == T.FIELD && !toks.get(j).spaceBefore()) {
            names.add(toks.get(j).text());
            j++;
          }
          next[0] = j;
          return new Var(t.pos(), t.text(), names);
        }
        case DOT -> base = new Dot(t.pos());
        case STRING -> base = new Lit(t.pos(), t.text());
        case CHAR -> base = new Lit(t.pos(), (long) t.text().codePointAt(0));
        case BOOL -> base = new Lit(t.pos(), Boolean.parseBoolean(t.text()));
        case NIL -> base = new Lit(t.pos(), null);
        case NUMBER -> base = new Lit(t.pos(), number(t));
        case IDENT -> base = new Ident(t.pos(), t.text());
        case LPAREN -> {
          int depth = 1;
          int k = j;
          while (k < to && depth > 0) {
            if (toks.get(k).type() == T.LPAREN) {
              depth++;
            } else if (toks.get(k).type() == T.RPAREN) {
              depth--;
            }
            k++;
          }
          if (depth != 0) {
            throw parseError(src, t.pos(), "unclosed left paren");
          }
          base = new Sub(t.pos(), pipeline(toks, j, k - 1, false));
          j = k;
        }
        default -> throw parseError(src, t.pos(), "unexpected " + describe(t) + " in operand");
      }
      if (j < to && toks.get(j).type() == T.FIELD && !toks.get(j).spaceBefore()) {
        List<String> names = new ArrayList<>();
        while (j < to && toks.get(j).type() == T.FIELD && !toks.get(j).spaceBefore()) {
          names.add(toks.get(j).text());
          j++;
        }
        base = new Chain(t.pos(), base, names);
      }
      next[0] = j;
      return base;
    }

    private String describe(Tok t) {
      return switch (t.type()) {
        case RPAREN -> "\")\"";
        case PIPE -> "\"|\"";
        case DECLARE -> "\":=\"";
        case ASSIGN -> "\"=\"";
        case COMMA -> "\",\"";
        case EOF -> "EOF";
        default -> "<" + t.text() + ">";
      };
    }

    private Object number(Tok t) throws TemplateException {
      String s = t.text().replace("_", "");
      try {
        if (s.startsWith("0x") || s.startsWith("0X")) {
          return Long.parseLong(s.substring(2), 16);
        }
        if (s.startsWith("-0x")) {
          return -Long.parseLong(s.substring(3), 16);
        }
        if (s.contains(".") || s.contains("e") || s.contains("E")) {
          return Double.parseDouble(s);
        }
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw parseError(src, t.pos(), "bad number syntax: \"" + t.text() + "\"");
      }
    }
  }

  // ------------------------------------------------------------------ execution

  /** A function callable from templates; receives evaluated arguments. */
  @FunctionalInterface
  public interface Func {
    Object apply(List<Object> args) throws TemplateException;
  }

  private static final class BreakSignal extends RuntimeException {
    BreakSignal() {
      super(null, null, false, false);
    }
  }

  private static final class ContinueSignal extends RuntimeException {
    ContinueSignal() {
      super(null, null, false, false);
    }
  }

  /** Executes with {@code data} as dot and returns the output. */
  public String execute(Object data, Map<String, Func> funcs) throws TemplateException {
    StringBuilder sb = new StringBuilder();
    execute(data, funcs, sb);
    return sb.toString();
  }

  /**
   * Executes into {@code out}; on error, what was written before the error stays in {@code out}
   * (docker prints table headers this way).
   */
  public void execute(Object data, Map<String, Func> funcs, StringBuilder out) throws TemplateException {
    Exec e = new Exec(source, funcs, out);
    e.vars.add(new Object[] {"$", data});
    e.walk(data, root);
  }

  /** Go resolves function names at parse time: report unknown ones before any output. */
  private void checkFunctions(List<Node> nodes, java.util.Set<String> funcs) throws TemplateException {
    for (Node n : nodes) {
      switch (n) {
        case Action a -> checkPipe(a.pipe(), funcs);
        case If i -> {
          checkPipe(i.pipe(), funcs);
          checkFunctions(i.then(), funcs);
          if (i.otherwise() != null) {
            checkFunctions(i.otherwise(), funcs);
          }
        }
        case Range r -> {
          checkPipe(r.pipe(), funcs);
          checkFunctions(r.body(), funcs);
          if (r.otherwise() != null) {
            checkFunctions(r.otherwise(), funcs);
          }
        }
        case With w -> {
          checkPipe(w.pipe(), funcs);
          checkFunctions(w.body(), funcs);
          if (w.otherwise() != null) {
            checkFunctions(w.otherwise(), funcs);
          }
        }
        default -> { }
      }
    }
  }

  private void checkPipe(Pipe p, java.util.Set<String> funcs) throws TemplateException {
    for (Cmd c : p.cmds()) {
      for (Arg a : c.args()) {
        checkArg(a, funcs);
      }
    }
  }

  private void checkArg(Arg a, java.util.Set<String> funcs) throws TemplateException {
    switch (a) {
      case Ident id -> {
        if (!funcs.contains(id.name()) && !Funcs.BUILTINS.contains(id.name())
            && !Funcs.DOCKER.contains(id.name())) {
          throw parseError(source, id.pos(), "function \"" + id.name() + "\" not defined");
        }
      }
      case Sub s -> checkPipe(s.pipe(), funcs);
      case Chain c -> checkArg(c.base(), funcs);
      default -> { }
    }
  }

  /** The names of fields used directly on dot anywhere in the template ({@code .Size}). */
  public java.util.Set<String> topLevelFields() {
    java.util.Set<String> out = new TreeSet<>();
    collectFields(root, out);
    return out;
  }

  private static void collectFields(List<Node> nodes, java.util.Set<String> out) {
    for (Node n : nodes) {
      switch (n) {
        case Action a -> collectPipe(a.pipe(), out);
        case If i -> {
          collectPipe(i.pipe(), out);
          collectFields(i.then(), out);
          if (i.otherwise() != null) {
            collectFields(i.otherwise(), out);
          }
        }
        case Range r -> {
          collectPipe(r.pipe(), out);
          collectFields(r.body(), out);
        }
        case With w -> {
          collectPipe(w.pipe(), out);
          collectFields(w.body(), out);
        }
        default -> { }
      }
    }
  }

  private static void collectPipe(Pipe p, java.util.Set<String> out) {
    for (Cmd c : p.cmds()) {
      for (Arg a : c.args()) {
        if (a instanceof Field f) {
          out.add(f.names().get(0));
        } else if (a instanceof Dot) {
          out.add(".");
        } else if (a instanceof Sub s) {
          collectPipe(s.pipe(), out);
        }
      }
    }
  }

  private static final class Exec {
    final String src;
    final Map<String, Func> funcs;
    final StringBuilder out;
    final List<Object[]> vars = new ArrayList<>();
    int pos;
    String at = "";

    Exec(String src, Map<String, Func> funcs, StringBuilder out) {
      this.src = src;
      this.funcs = funcs;
      this.out = out;
    }

    TemplateException error(String msg) {
      return new TemplateException("template: :" + lineOf(src, pos) + ":" + colOf(src, pos) + ": executing \"\" at <"
          + at + ">: " + msg, false);
    }

    void walk(Object dot, List<Node> nodes) throws TemplateException {
      for (Node n : nodes) {
        walk(dot, n);
      }
    }

    void walk(Object dot, Node n) throws TemplateException {
      switch (n) {
        case Text t -> out.append(t.text());
        case Action a -> {
          Object v = evalPipe(dot, a.pipe());
          if (a.pipe().decl().isEmpty()) {
            printValue(v, a.pipe());
          }
        }
        case If i -> {
          int mark = vars.size();
          Object v = evalPipe(dot, i.pipe());
          if (GoValues.isTrue(v)) {
            walk(dot, i.then());
          } else if (i.otherwise() != null) {
            walk(dot, i.otherwise());
          }
          pop(mark);
        }
        case With w -> {
          int mark = vars.size();
          Object v = evalPipe(dot, w.pipe());
          if (GoValues.isTrue(v)) {
            walk(v, w.body());
          } else if (w.otherwise() != null) {
            walk(dot, w.otherwise());
          }
          pop(mark);
        }
        case Range r -> range(dot, r);
        case Break b -> throw new BreakSignal();
        case Continue c -> throw new ContinueSignal();
      }
    }

    private void printValue(Object v, Pipe p) throws TemplateException {
      if (v instanceof TemplateObject || v instanceof GoValues.Struct || v instanceof Map<?, ?>) {
        GoValues.print(out, v, true);
        return;
      }
      out.append(GoValues.print(v));
    }

    private void pop(int mark) {
      while (vars.size() > mark) {
        vars.remove(vars.size() - 1);
      }
    }

    private void range(Object dot, Range r) throws TemplateException {
      int mark = vars.size();
      Pipe p = r.pipe();
      Pipe noDecl = new Pipe(p.pos(), List.of(), false, p.cmds(), p.text());
      Object v = evalPipe(dot, noDecl);
      List<Object[]> entries = new ArrayList<>();
      if (v instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          entries.add(new Object[] {(long) i, l.get(i)});
        }
      } else if (v instanceof GoValues.GoMap m) {
        for (String k : new TreeSet<>(m.entries().keySet())) {
          entries.add(new Object[] {k, m.entries().get(k)});
        }
      } else if (v instanceof Map<?, ?> m) {
        for (Object k : new TreeSet<>(m.keySet())) {
          entries.add(new Object[] {k, m.get(k)});
        }
      } else if (v instanceof Long n) {
        for (long i = 0; i < n; i++) {
          entries.add(new Object[] {i, i});
        }
      } else if (v == null || v instanceof GoValues.Nil) {
        // nothing to iterate
      } else {
        pos = p.pos();
        throw error("range can't iterate over " + GoValues.print(v));
      }
      if (entries.isEmpty()) {
        if (r.otherwise() != null) {
          walk(dot, r.otherwise());
        }
        pop(mark);
        return;
      }
      for (Object[] e : entries) {
        int m2 = vars.size();
        if (p.decl().size() == 1) {
          vars.add(new Object[] {p.decl().get(0), e[1]});
        } else if (p.decl().size() == 2) {
          vars.add(new Object[] {p.decl().get(0), e[0]});
          vars.add(new Object[] {p.decl().get(1), e[1]});
        }
        try {
          walk(e[1], r.body());
        } catch (BreakSignal b) {
          pop(m2);
          break;
        } catch (ContinueSignal c) {
          // next element
        }
        pop(m2);
      }
      pop(mark);
    }

    Object evalPipe(Object dot, Pipe p) throws TemplateException {
      Object value = null;
      boolean first = true;
      for (Cmd c : p.cmds()) {
        value = evalCmd(dot, c, first ? NO_FINAL : value);
        first = false;
      }
      for (String name : p.decl()) {
        if (p.assign()) {
          setVar(name, value);
        } else {
          vars.add(new Object[] {name, value});
        }
      }
      return value;
    }

    private static final Object NO_FINAL = new Object();

    private Object evalCmd(Object dot, Cmd c, Object fin) throws TemplateException {
      Arg first = c.args().get(0);
      List<Arg> rest = c.args().subList(1, c.args().size());
      switch (first) {
        case Field f -> {
          pos = f.pos();
          at = "." + String.join(".", f.names());
          return evalChain(dot, dot, f.names(), rest, fin);
        }
        case Var v -> {
          pos = v.pos();
          at = v.name() + (v.names().isEmpty() ? "" : "." + String.join(".", v.names()));
          Object val = getVar(v.name());
          if (v.names().isEmpty()) {
            noArgs(rest, fin, v.name());
            return val;
          }
          return evalChain(dot, val, v.names(), rest, fin);
        }
        case Chain ch -> {
          pos = ch.pos();
          Object base = evalArg(dot, ch.base());
          return evalChain(dot, base, ch.names(), rest, fin);
        }
        case Ident id -> {
          pos = id.pos();
          at = id.name();
          return call(dot, id, rest, fin);
        }
        default -> {
          noArgs(rest, fin, describe(first));
          return evalArg(dot, first);
        }
      }
    }

    private String describe(Arg a) {
      return switch (a) {
        case Lit l -> l.value() instanceof String s ? "\"" + s + "\"" : String.valueOf(l.value());
        case Dot d -> ".";
        default -> a.toString();
      };
    }

    private void noArgs(List<Arg> rest, Object fin, String what) throws TemplateException {
      if (!rest.isEmpty() || fin != NO_FINAL) {
        throw error("can't give argument to non-function " + what);
      }
    }

    Object evalArg(Object dot, Arg a) throws TemplateException {
      return switch (a) {
        case Dot d -> dot;
        case Lit l -> l.value();
        case Field f -> {
          pos = f.pos();
          at = "." + String.join(".", f.names());
          yield evalChain(dot, dot, f.names(), List.of(), NO_FINAL);
        }
        case Var v -> {
          Object val = getVar(v.name());
          yield v.names().isEmpty() ? val : evalChain(dot, val, v.names(), List.of(), NO_FINAL);
        }
        case Sub s -> evalPipe(dot, s.pipe());
        case Chain ch -> evalChain(dot, evalArg(dot, ch.base()), ch.names(), List.of(), NO_FINAL);
        case Ident id -> {
          pos = id.pos();
          at = id.name();
          yield call(dot, id, List.of(), NO_FINAL);
        }
      };
    }

    private Object evalChain(Object dot, Object receiver, List<String> names, List<Arg> args, Object fin)
        throws TemplateException {
      Object r = receiver;
      for (int i = 0; i < names.size(); i++) {
        boolean last = i == names.size() - 1;
        r = field(dot, r, names.get(i), last ? args : List.of(), last ? fin : NO_FINAL);
      }
      return r;
    }

    private Object field(Object dot, Object receiver, String name, List<Arg> args, Object fin)
        throws TemplateException {
      boolean hasArgs = !args.isEmpty() || fin != NO_FINAL;
      if (receiver instanceof TemplateObject o) {
        List<Object> vals = new ArrayList<>();
        for (Arg a : args) {
          vals.add(evalArg(dot, a));
        }
        if (fin != NO_FINAL) {
          vals.add(fin);
        }
        try {
          return o.field(name, vals);
        } catch (TemplateException e) {
          if (e.getMessage().startsWith("template:")) {
            throw e;
          }
          throw error(e.getMessage());
        }
      }
      if (receiver instanceof GoValues.Struct s) {
        Object v = s.get(name);
        if (v == GoValues.ABSENT) {
          throw error("map has no entry for key \"" + name + "\"");
        }
        if (hasArgs) {
          throw error(name + " is not a method but has arguments");
        }
        return v;
      }
      if (receiver instanceof GoValues.GoMap m) {
        if (!m.entries().containsKey(name)) {
          throw error("map has no entry for key \"" + name + "\"");
        }
        if (hasArgs) {
          throw error(name + " is not a method but has arguments");
        }
        return m.entries().get(name);
      }
      if (receiver instanceof Map<?, ?> m) {
        if (!m.containsKey(name)) {
          throw error("map has no entry for key \"" + name + "\"");
        }
        if (hasArgs) {
          throw error(name + " is not a method but has arguments");
        }
        return m.get(name);
      }
      if (receiver == null || receiver instanceof GoValues.Nil n && n.kind() != GoValues.NilKind.MAP) {
        throw error("nil pointer evaluating " + GoValues.typeName(receiver) + "." + name);
      }
      if (receiver instanceof GoValues.Nil) {
        throw error("map has no entry for key \"" + name + "\"");
      }
      throw error("can't evaluate field " + name + " in type " + GoValues.typeName(receiver));
    }

    private Object call(Object dot, Ident id, List<Arg> args, Object fin) throws TemplateException {
      String name = id.name();
      // and/or evaluate lazily, as Go 1.18+ does
      if (name.equals("and") || name.equals("or")) {
        if (args.isEmpty() && fin == NO_FINAL) {
          throw error("wrong number of args for " + name + ": want at least 1 got 0");
        }
        Object v = null;
        for (Arg a : args) {
          v = evalArg(dot, a);
          if (GoValues.isTrue(v) == name.equals("or")) {
            return v;
          }
        }
        if (fin != NO_FINAL) {
          v = fin;
        }
        return v;
      }
      Func f = funcs.get(name);
      if (f == null) {
        f = Funcs.builtin(name);
      }
      if (f == null) {
        throw error("function \"" + name + "\" not defined");
      }
      List<Object> vals = new ArrayList<>();
      for (Arg a : args) {
        vals.add(evalArg(dot, a));
      }
      if (fin != NO_FINAL) {
        vals.add(fin);
      }
      int savedPos = pos;
      try {
        return f.apply(vals);
      } catch (TemplateException e) {
        if (e.getMessage().startsWith("template:")) {
          throw e;
        }
        pos = savedPos;
        at = name;
        if (e.getMessage().startsWith("wrong number of args")) {
          throw error(e.getMessage());
        }
        throw error("error calling " + name + ": " + e.getMessage());
      }
    }

    private Object getVar(String name) throws TemplateException {
      for (int i = vars.size() - 1; i >= 0; i--) {
        if (vars.get(i)[0].equals(name)) {
          return vars.get(i)[1];
        }
      }
      throw new TemplateException("template: :" + lineOf(src, pos) + ": undefined variable: " + name, true);
    }

    private void setVar(String name, Object value) throws TemplateException {
      for (int i = vars.size() - 1; i >= 0; i--) {
        if (vars.get(i)[0].equals(name)) {
          vars.get(i)[1] = value;
          return;
        }
      }
      throw new TemplateException("template: :" + lineOf(src, pos) + ": undefined variable: " + name, true);
    }
  }
}
