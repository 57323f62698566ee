package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.client.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static final String CONTAINER = """
      {"Id":"abc123","Name":"/web","Created":"2024-01-02T03:04:05.123Z","Path":"sleep","Args":["1000"],
       "State":{"Status":"running","Running":true,"Pid":42,"ExitCode":0},
       "Config":{"Hostname":"h","Env":["A=1","B=2"],"Cmd":["sleep","1000"],"Entrypoint":null,
                 "Labels":{"com.example.b":"2","a":"1"},"Tty":false,"Image":"busybox","Volumes":null},
       "HostConfig":{"Memory":0,"Binds":null,"NanoCpus":1500000000,"LogConfig":{"Type":"json-file","Config":{}}},
       "Mounts":[{"Type":"bind","Source":"/src","Destination":"/dst","RW":true},
                 {"Type":"volume","Name":"v1","Source":"/var/lib/v1","Destination":"/data","RW":false}],
       "NetworkSettings":{"Networks":{"bridge":{"IPAddress":"172.17.0.2"}}},
       "Ratio":1.5,"Big":100000000.0}
      """;

  private static String run(String template, Object data) throws Exception {
    return Template.parse(template).execute(data, Funcs.docker());
  }

  private static Object container() throws Exception {
    return GoValues.fromPlain(Json.parse(CONTAINER));
  }

  @Test
  void fieldsAndNestedFields() throws Exception {
    assertThat(run("{{.State.Status}}", container())).isEqualTo("running");
    assertThat(run("{{.State.Running}}", container())).isEqualTo("true");
    assertThat(run("{{.State.Pid}} {{.HostConfig.Memory}}", container())).isEqualTo("42 0");
    assertThat(run("{{.Name}}", container())).isEqualTo("/web");
    assertThat(run("x{{.Id}}y", container())).isEqualTo("xabc123y");
  }

  @Test
  void printsLikeGo() throws Exception {
    assertThat(run("{{.Config.Cmd}}", container())).isEqualTo("[sleep 1000]");
    assertThat(run("{{.Config.Labels}}", container())).isEqualTo("map[a:1 com.example.b:2]");
    assertThat(run("{{.Config.Entrypoint}}", container())).isEqualTo("[]");
    assertThat(run("{{.Config.Volumes}}", container())).isEqualTo("map[]");
    assertThat(run("{{.Config.Healthcheck}}", container())).isEqualTo("<nil>");
    assertThat(run("{{.HostConfig.LogConfig}}", container())).isEqualTo("{json-file map[]}");
    assertThat(run("{{.Ratio}} {{.Big}}", container())).isEqualTo("1.5 1e+08");
  }

  @Test
  void json() throws Exception {
    assertThat(run("{{json .Config.Cmd}}", container())).isEqualTo("[\"sleep\",\"1000\"]");
    assertThat(run("{{json .Config.Labels}}", container())).isEqualTo("{\"a\":\"1\",\"com.example.b\":\"2\"}");
    assertThat(run("{{json .Config.Entrypoint}}", container())).isEqualTo("null");
    assertThat(run("{{json .State}}", container()))
        .isEqualTo("{\"Status\":\"running\",\"Running\":true,\"Pid\":42,\"ExitCode\":0}");
    assertThat(run("{{json \"<a&b>\"}}", container())).isEqualTo("\"<a&b>\"");
  }

  @Test
  void rangeWithVariablesAndElse() throws Exception {
    assertThat(run("{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}", container()))
        .isEqualTo("/src:/dst /var/lib/v1:/data ");
    assertThat(run("{{range $i, $m := .Mounts}}{{$i}}={{$m.Type}};{{end}}", container()))
        .isEqualTo("0=bind;1=volume;");
    assertThat(run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}", container()))
        .isEqualTo("a=1,com.example.b=2,");
    assertThat(run("{{range .Config.Entrypoint}}x{{else}}none{{end}}", container())).isEqualTo("none");
    assertThat(run("{{range $n, $c := .NetworkSettings.Networks}}{{$n}} {{$c.IPAddress}}{{end}}", container()))
        .isEqualTo("bridge 172.17.0.2");
    assertThat(run("{{range .Mounts}}{{if eq .Type \"bind\"}}{{continue}}{{end}}{{.Name}}{{end}}", container()))
        .isEqualTo("v1");
    assertThat(run("{{range .Mounts}}{{.Type}}{{break}}{{end}}", container())).isEqualTo("bind");
  }

  @Test
  void ifElseIfAndComparisons() throws Exception {
    assertThat(run("{{if .State.Running}}up{{else}}down{{end}}", container())).isEqualTo("up");
    assertThat(run("{{if eq .State.Status \"exited\"}}e{{else if eq .State.Status \"running\"}}r{{else}}?{{end}}",
        container())).isEqualTo("r");
    assertThat(run("{{if and .State.Running (gt .State.Pid 1)}}yes{{end}}", container())).isEqualTo("yes");
    assertThat(run("{{if or .Config.Tty .Config.Entrypoint}}a{{else}}b{{end}}", container())).isEqualTo("b");
    assertThat(run("{{if not .Config.Tty}}notty{{end}}", container())).isEqualTo("notty");
    assertThat(run("{{if ne .State.ExitCode 0}}bad{{else}}ok{{end}}", container())).isEqualTo("ok");
    assertThat(run("{{eq .State.Status \"a\" \"running\"}}", container())).isEqualTo("true");
    assertThat(run("{{with .State}}{{.Status}}{{end}}", container())).isEqualTo("running");
    assertThat(run("{{with .Config.Entrypoint}}x{{else}}empty{{end}}", container())).isEqualTo("empty");
  }

  @Test
  void functions() throws Exception {
    assertThat(run("{{index .Config.Labels \"a\"}}", container())).isEqualTo("1");
    assertThat(run("{{index .Config.Labels \"missing\"}}", container())).isEqualTo("");
    assertThat(run("{{index .Config.Cmd 1}}", container())).isEqualTo("1000");
    assertThat(run("{{join .Config.Env \",\"}}", container())).isEqualTo("A=1,B=2");
    assertThat(run("{{join .Args \" \"}}", container())).isEqualTo("1000");
    assertThat(run("{{upper .State.Status}} {{lower \"ABC\"}} {{title \"hello world\"}}", container()))
        .isEqualTo("RUNNING abc Hello World");
    assertThat(run("{{printf \"%s:%d\" .Name .State.Pid}}", container())).isEqualTo("/web:42");
    assertThat(run("{{printf \"%-6s|%5d|%q|%v|%t\" \"ab\" 7 \"x\" .Config.Cmd true}}", container()))
        .isEqualTo("ab    |    7|\"x\"|[sleep 1000]|true");
    assertThat(run("{{printf \"%.2f\" .Ratio}}", container())).isEqualTo("1.50");
    assertThat(run("{{len .Mounts}} {{len .Config.Labels}} {{len \"héllo\"}}", container())).isEqualTo("2 2 6");
    assertThat(run("{{split \"a:b:c\" \":\"}}", container())).isEqualTo("[a b c]");
    assertThat(run("{{.Name | printf \"%s!\"}}", container())).isEqualTo("/web!");
    assertThat(run("{{pad \"x\" 2 1}}|{{pad \"\" 2 1}}|{{truncate \"abcdef\" 3}}", container()))
        .isEqualTo("  x ||abc");
    assertThat(run("{{truncate \"abcdef\" 3}}", container())).isEqualTo("abc");
    assertThat(run("{{print 1 2 \"a\" \"b\" 3}}", container())).isEqualTo("1 2ab3");
    assertThat(run("{{println \"a\" 1}}", container())).isEqualTo("a 1\n");
    assertThat(run("{{slice \"abcdef\" 1 3}}", container())).isEqualTo("bc");
  }

  @Test
  void variablesParenthesesAndChains() throws Exception {
    assertThat(run("{{$n := .Name}}{{$n}}-{{$n}}", container())).isEqualTo("/web-/web");
    assertThat(run("{{$x := 1}}{{$x = 2}}{{$x}}", container())).isEqualTo("2");
    assertThat(run("{{(index .Mounts 1).Name}}", container())).isEqualTo("v1");
    assertThat(run("{{$.Name}}{{range .Mounts}}{{$.Id}}{{end}}", container())).isEqualTo("/webabc123abc123");
    assertThat(run("{{/* a comment */}}ok", container())).isEqualTo("ok");
  }

  @Test
  void trimMarkers() throws Exception {
    assertThat(run("a  {{- .Name -}}  b", container())).isEqualTo("a/webb");
    assertThat(run("{{range .Config.Cmd -}}\n  {{.}}\n{{- end}}", container())).isEqualTo("sleep1000");
    assertThat(run("a {{- /* c */ -}} b", container())).isEqualTo("ab");
  }

  @Test
  void literalsAndEscapes() throws Exception {
    assertThat(run("{{\"a\\tb\\n\"}}", Map.of())).isEqualTo("a\tb\n");
    assertThat(run("{{`raw\\n`}}", Map.of())).isEqualTo("raw\\n");
    assertThat(run("{{1.5}} {{-3}} {{0x10}} {{true}} {{'a'}}", Map.of())).isEqualTo("1.5 -3 16 true 97");
  }

  @Test
  void missingKeysAreErrorsWithGoWording() {
    assertThatThrownBy(() -> run("{{.Foo}}", container())).isInstanceOf(TemplateException.class)
        .hasMessage("template: :1:2: executing \"\" at <.Foo>: map has no entry for key \"Foo\"");
    assertThatThrownBy(() -> run("{{.Config.Foo.Bar}}", container()))
        .hasMessage("template: :1:2: executing \"\" at <.Config.Foo.Bar>: map has no entry for key \"Foo\"");
    assertThatThrownBy(() -> run("{{json}}", container()))
        .hasMessage("template: :1:2: executing \"\" at <json>: wrong number of args for json: want 1 got 0");
  }

  @Test
  void parseErrors() {
    assertThatThrownBy(() -> Template.parse("{{.ID")).isInstanceOf(TemplateException.class)
        .hasMessage("template: :1: unclosed action")
        .satisfies(e -> assertThat(((TemplateException) e).isParseError()).isTrue());
    assertThatThrownBy(() -> Template.parse("{{foo}}")).hasMessage("template: :1: function \"foo\" not defined");
    assertThatThrownBy(() -> Template.parse("{{if .A}}x")).hasMessageContaining("unexpected EOF");
    assertThatThrownBy(() -> Template.parse("{{end}}")).hasMessageContaining("unexpected {{end}}");
    assertThat(catchParse("{{myfunc}}", Set.of("myfunc"))).isNull();
  }

  private static Exception catchParse(String t, Set<String> extra) {
    try {
      Template.parse(t, extra);
      return null;
    } catch (TemplateException e) {
      return e;
    }
  }

  @Test
  void methodsOfTemplateObjects() throws Exception {
    TemplateObject o = new TemplateObject() {
      @Override
      public Object field(String name, List<Object> args) throws TemplateException {
        return switch (name) {
          case "Label" -> "label:" + args.get(0);
          case "ID" -> "id1";
          default -> throw new TemplateException("can't evaluate field " + name + " in type *T", false);
        };
      }

      @Override
      public Map<String, Object> jsonFields() {
        return new java.util.LinkedHashMap<>(Map.of("ID", "id1"));
      }

      @Override
      public String typeName() {
        return "*T";
      }
    };
    assertThat(run("{{.ID}} {{.Label \"k\"}} {{\"k2\" | .Label}}", o)).isEqualTo("id1 label:k label:k2");
    assertThat(run("{{json .}}", o)).isEqualTo("{\"ID\":\"id1\"}");
    assertThatThrownBy(() -> run("{{.Nope}}", o))
        .hasMessage("template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *T");
  }
}
