package dev.berth.daemon.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a method and a path (without the {@code /v1.NN} prefix, percent-decoded) to a {@link
 * Handler}.
 *
 * <p>Templates are paths with variables, in gorilla/mux syntax as moby writes them: {@code
 * {name}} matches one or more characters <em>including slashes</em> (moby's {@code {name:.*}}, so
 * {@code /images/{name}/json} matches {@code /images/localhost:5000/foo/bar:tag/json}); {@code
 * {name:regex}} matches the regex. Templates without variables are looked up by hash; the others
 * are tried in registration order. A request no route matches, by path or by method, answers 404
 * {@code page not found}, as dockerd answers both. {@code HEAD} falls back to the {@code GET} route
 * (headers only) when no {@code HEAD} route exists.
 *
 * <p>{@code GET} and {@code HEAD /_ping} are built in. Register every route before starting the
 * server; the router is not modified afterwards and is then safe to share.
 */
public final class Router {

  private static final String DEFAULT_VARIABLE_REGEX = ".+";

  /** path → method → route, for templates without variables. */
  private final Map<String, Map<String, Route>> literal = new HashMap<>();

  /** first path segment → routes whose template starts with that literal segment. */
  private final Map<String, List<Route>> bySegment = new HashMap<>();

  /** routes whose first segment holds a variable; tried for every path. */
  private final List<Route> anySegment = new ArrayList<>();

  public Router() {
    Ping.register(this);
  }

  /** Registers {@code handler} for {@code method} (upper case, e.g. "POST") and {@code template}. */
  public Router route(String method, String template, Handler handler) {
    Route route = Route.compile(method, template, handler);
    if (route.pattern() == null) {
      Route previous =
          literal.computeIfAbsent(template, k -> new HashMap<>(4)).putIfAbsent(method, route);
      if (previous != null) {
        throw new IllegalArgumentException("duplicate route " + method + " " + template);
      }
    } else {
      String first = firstSegment(template);
      if (first.indexOf('{') >= 0) {
        anySegment.add(route);
      } else {
        bySegment.computeIfAbsent(first, k -> new ArrayList<>()).add(route);
      }
    }
    return this;
  }

  public Router get(String template, Handler handler) {
    return route("GET", template, handler);
  }

  public Router head(String template, Handler handler) {
    return route("HEAD", template, handler);
  }

  public Router post(String template, Handler handler) {
    return route("POST", template, handler);
  }

  public Router put(String template, Handler handler) {
    return route("PUT", template, handler);
  }

  public Router delete(String template, Handler handler) {
    return route("DELETE", template, handler);
  }

  /** Finds the route for a request. {@code path} is decoded and has no version prefix. */
  Resolution resolve(String method, String path) {
    Resolution r = resolveExact(method, path);
    return r instanceof NotFound && method.equals("HEAD") ? resolveExact("GET", path) : r;
  }

  private Resolution resolveExact(String method, String path) {
    Map<String, Route> byMethod = literal.get(path);
    if (byMethod != null && byMethod.containsKey(method)) {
      return new Found(byMethod.get(method), Map.of());
    }
    List<Route> candidates = bySegment.getOrDefault(firstSegment(path), List.of());
    for (List<Route> routes : List.of(candidates, anySegment)) {
      for (Route route : routes) {
        Resolution r = tryMatch(route, method, path);
        if (r instanceof Found) {
          return r;
        }
      }
    }
    return NotFound.INSTANCE;
  }

  /** Found when method and path match, null otherwise. */
  private static Resolution tryMatch(Route route, String method, String path) {
    if (!route.method().equals(method)) {
      return null;
    }
    Matcher m = route.pattern().matcher(path);
    if (!m.matches()) {
      return null;
    }
    List<String> names = route.variables();
    int[] groups = route.groups();
    if (names.size() == 1) {
      return new Found(route, Map.of(names.getFirst(), m.group(groups[0])));
    }
    Map<String, String> vars = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      vars.put(names.get(i), m.group(groups[i]));
    }
    return new Found(route, vars);
  }

  /** The first segment of "/a/b/c" is "a". */
  static String firstSegment(String path) {
    int start = path.startsWith("/") ? 1 : 0;
    int end = path.indexOf('/', start);
    return end < 0 ? path.substring(start) : path.substring(start, end);
  }

  /** A registered route. {@code pattern} is null for templates without variables. */
  record Route(
      String method,
      String template,
      Pattern pattern,
      List<String> variables,
      int[] groups,
      Handler handler) {

    static Route compile(String method, String template, Handler handler) {
      if (!template.startsWith("/")) {
        throw new IllegalArgumentException("template must start with '/': " + template);
      }
      if (template.indexOf('{') < 0) {
        return new Route(method, template, null, List.of(), new int[0], handler);
      }
      StringBuilder regex = new StringBuilder();
      List<String> names = new ArrayList<>();
      List<Integer> groups = new ArrayList<>();
      int nextGroup = 1;
      int i = 0;
      while (i < template.length()) {
        int open = template.indexOf('{', i);
        if (open < 0) {
          regex.append(Pattern.quote(template.substring(i)));
          break;
        }
        if (open > i) {
          regex.append(Pattern.quote(template.substring(i, open)));
        }
        int depth = 0;
        int close = -1;
        for (int j = open; j < template.length(); j++) {
          char c = template.charAt(j);
          if (c == '{') {
            depth++;
          } else if (c == '}' && --depth == 0) {
            close = j;
            break;
          }
        }
        if (close < 0) {
          throw new IllegalArgumentException("unbalanced '{' in template " + template);
        }
        String variable = template.substring(open + 1, close);
        int colon = variable.indexOf(':');
        String name = colon < 0 ? variable : variable.substring(0, colon);
        String variableRegex = colon < 0 ? DEFAULT_VARIABLE_REGEX : variable.substring(colon + 1);
        if (name.isEmpty() || names.contains(name)) {
          throw new IllegalArgumentException("bad variable '" + name + "' in template " + template);
        }
        names.add(name);
        groups.add(nextGroup);
        nextGroup += 1 + Pattern.compile(variableRegex).matcher("").groupCount();
        regex.append('(').append(variableRegex).append(')');
        i = close + 1;
      }
      return new Route(
          method,
          template,
          Pattern.compile(regex.toString()),
          List.copyOf(names),
          groups.stream().mapToInt(Integer::intValue).toArray(),
          handler);
    }
  }

  sealed interface Resolution permits Found, NotFound {}

  record Found(Route route, Map<String, String> variables) implements Resolution {}

  enum NotFound implements Resolution {
    INSTANCE
  }

  /** The built-in {@code /_ping}: the header set dockerd sends. */
  static final class Ping {
    static final Map<String, String> HEADERS;

    static {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Builder-Version", "1");
      h.put("Cache-Control", "no-cache, no-store, must-revalidate");
      h.put("Pragma", "no-cache");
      h.put("Swarm", "inactive");
      HEADERS = h;
    }

    private static final Response GET =
        new Response.BytesResponse(200, Response.TEXT, "OK".getBytes(), HEADERS);
    private static final Response HEAD =
        new Response.BytesResponse(200, Response.TEXT, new byte[0], HEADERS);

    static void register(Router router) {
      router.get("/_ping", request -> GET);
      router.head("/_ping", request -> HEAD);
    }

    private Ping() {}
  }
}
