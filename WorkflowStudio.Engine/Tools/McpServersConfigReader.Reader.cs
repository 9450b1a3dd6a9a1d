using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

internal static partial class McpServersConfigReader
{
    /// <summary>Walks one document, collecting servers and every error with its source and path.</summary>
    private sealed class Reader(string source, bool jsonPaths, string baseDirectory, Func<string, string?> environment)
    {
        private static readonly string[] StdioOnly = ["args", "env", "cwd"];
        private static readonly string[] ServerKeys =
            ["type", "command", "args", "env", "cwd", "url", "headers", "disabled", "protocolVersion", "envFile", "sandboxEnabled", "sandbox", "dev"];
        private readonly List<string> _errors = [];
        private readonly List<string> _warnings = [];
        private readonly Dictionary<string, string?> _inputs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, McpServerConfig> _servers = new(StringComparer.Ordinal);
        private readonly StringComparison _keyComparison = jsonPaths ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        public void Error(object[] path, string message) => _errors.Add($"{source}: {Format(path)}: {message}");

        public void Warn(object[] path, string message) => _warnings.Add($"{source}: {Format(path)}: {message}");

        public McpServersConfig Build() => _errors.Count > 0
            ? throw new McpConfigException(_errors)
            : new McpServersConfig(_servers, source, _warnings);

        /// <summary>VS Code's <c>inputs</c>: prompts WorkflowStudio cannot show; kept so a <c>${input:ID}</c> reference can be explained.</summary>
        public void ReadInputs(JsonElement inputs, object[] path)
        {
            if (inputs.ValueKind != JsonValueKind.Array)
            {
                Error(path, $"expected an array of input definitions, got {Describe(inputs)}");
                return;
            }
            var index = 0;
            foreach (var input in inputs.EnumerateArray())
            {
                object[] inputPath = [.. path, index++];
                if (input.ValueKind != JsonValueKind.Object || !TryGet(input, "id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    Error(inputPath, "expected an object with a string \"id\"");
                    continue;
                }
                _inputs[id.GetString()!] = TryGet(input, "description", out var description) && description.ValueKind == JsonValueKind.String
                    ? description.GetString()
                    : null;
            }
        }

        public bool TryGet(JsonElement obj, string name, out JsonElement value)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (string.Equals(property.Name, name, _keyComparison))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }

        public void ReadServers(JsonElement servers, object[] path)
        {
            if (servers.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"expected an object mapping server names to their settings, got {Describe(servers)}");
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var server in servers.EnumerateObject())
            {
                object[] serverPath = [.. path, server.Name];
                if (!seen.Add(server.Name))
                {
                    Error(serverPath, $"server '{server.Name}' is configured twice; keep one entry");
                    continue;
                }
                ReadServer(server.Name, server.Value, serverPath);
            }
        }

        private void ReadServer(string name, JsonElement entry, object[] path)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                Error(path, "server names must not be empty");
                return;
            }
            if (string.Equals(name, McpServersConfig.BuiltinServerName, StringComparison.OrdinalIgnoreCase))
            {
                Error(path, $"the name '{McpServersConfig.BuiltinServerName}' is reserved for WorkflowStudio's own tools; rename this server");
                return;
            }
            if (name.Contains('/', StringComparison.Ordinal))
            {
                Error(path, "server names cannot contain '/' (tools are addressed as server/tool); rename this server");
                return;
            }
            if (entry.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"expected an object with \"command\" or \"url\", got {Describe(entry)}");
                return;
            }
            if (TryGet(entry, "disabled", out var disabled) && (disabled.ValueKind == JsonValueKind.True
                || (disabled.ValueKind == JsonValueKind.String && bool.TryParse(disabled.GetString(), out var off) && off)))
            {
                return;
            }

            var errorsBefore = _errors.Count;
            ReadClientSettings(entry, path);
            var protocolVersion = String(entry, "protocolVersion", path);
            if (protocolVersion is not null && !McpServerConfig.ProtocolVersions.Contains(protocolVersion))
            {
                Error([.. path, "protocolVersion"],
                    $"unknown MCP revision '{protocolVersion}'; use one of {string.Join(", ", McpServerConfig.ProtocolVersions)}, or leave it out to negotiate");
                return;
            }
            var type = String(entry, "type", path);
            var command = String(entry, "command", path);
            var url = String(entry, "url", path);
            McpServerTransport transport;
            switch (type?.ToLowerInvariant())
            {
                case null:
                    transport = url is not null ? McpServerTransport.Http : McpServerTransport.Stdio;
                    break;
                case "stdio":
                    transport = McpServerTransport.Stdio;
                    break;
                case "http" or "streamable-http" or "streamablehttp":
                    transport = McpServerTransport.Http;
                    break;
                case "sse":
                    Error([.. path, "type"], $"server '{name}' uses the legacy SSE transport, which WorkflowStudio does not support; "
                        + "point \"url\" at the server's Streamable HTTP endpoint (often /mcp instead of /sse) and set \"type\": \"http\"");
                    return;
                default:
                    Error([.. path, "type"], $"unknown type '{type}'; use \"stdio\" or \"http\"");
                    return;
            }

            if (command is not null && url is not null)
            {
                Error(path, "has both \"command\" and \"url\"; a server is either a local command (stdio) or a URL (HTTP)");
                return;
            }
            if (command is null && url is null)
            {
                if (_errors.Count == errorsBefore)
                {
                    Error(path, "needs either \"command\" or \"url\"");
                }
                return;
            }
            if (transport == McpServerTransport.Stdio && command is null)
            {
                Error([.. path, "url"], "\"type\": \"stdio\" needs \"command\", not \"url\"");
                return;
            }
            if (transport == McpServerTransport.Http && url is null)
            {
                Error([.. path, "command"], $"\"type\": \"{type}\" needs \"url\", not \"command\"");
                return;
            }

            if (transport == McpServerTransport.Http)
            {
                foreach (var key in StdioOnly)
                {
                    if (TryGet(entry, key, out _))
                    {
                        Error([.. path, key], $"\"{key}\" applies only to command (stdio) servers");
                    }
                }
                var headers = StringMap(entry, "headers", path);
                var expandedUrl = Expand(url!, [.. path, "url"]);
                if (expandedUrl is null)
                {
                    return;
                }
                if (!Uri.TryCreate(expandedUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    Error([.. path, "url"], $"'{url}' is not an absolute http:// or https:// URL");
                    return;
                }
                if (_errors.Count == errorsBefore)
                {
                    _servers[name] = new McpServerConfig
                    {
                        Name = name,
                        Transport = transport,
                        Url = uri,
                        Headers = headers,
                        ProtocolVersion = protocolVersion,
                        Display = url!.Contains("${", StringComparison.Ordinal) ? url.Split('?', '#')[0] : uri.GetLeftPart(UriPartial.Path),
                    };
                }
                return;
            }

            if (TryGet(entry, "headers", out _))
            {
                Error([.. path, "headers"], "\"headers\" applies only to URL (HTTP) servers");
            }
            var expandedCommand = Expand(command!, [.. path, "command"]);
            if (string.IsNullOrWhiteSpace(expandedCommand))
            {
                if (expandedCommand is not null)
                {
                    Error([.. path, "command"], "must not be empty");
                }
                return;
            }
            var args = StringList(entry, "args", path);
            var env = StringMap(entry, "env", path);
            var cwd = String(entry, "cwd", path) is { } rawCwd ? Expand(rawCwd, [.. path, "cwd"]) : null;
            if (_errors.Count != errorsBefore)
            {
                return;
            }
            var resolvedCommand = !Path.IsPathRooted(expandedCommand) && (expandedCommand.Contains('/', StringComparison.Ordinal) || expandedCommand.Contains('\\', StringComparison.Ordinal))
                ? Path.GetFullPath(expandedCommand, baseDirectory)
                : expandedCommand;
            _servers[name] = new McpServerConfig
            {
                Name = name,
                Transport = transport,
                Command = resolvedCommand,
                Args = args,
                Env = env,
                WorkingDirectory = cwd is null ? null : Path.GetFullPath(cwd, baseDirectory),
                ProtocolVersion = protocolVersion,
                Display = McpServerConfig.CommandLine(
                    command!.Contains("${", StringComparison.Ordinal) ? command : resolvedCommand,
                    TryGet(entry, "args", out var rawArgs) && rawArgs.ValueKind == JsonValueKind.Array ? rawArgs.EnumerateArray().Select(a => a.GetString() ?? "") : []),
            };
        }

        /// <summary>
        /// Settings other clients write that WorkflowStudio cannot honour: refused when ignoring them would change what
        /// the server gets (its environment, its sandbox), otherwise ignored with a warning.
        /// </summary>
        private void ReadClientSettings(JsonElement entry, object[] path)
        {
            var name = path[^1];
            foreach (var property in entry.EnumerateObject())
            {
                if (!ServerKeys.Contains(property.Name, jsonPaths ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase))
                {
                    Warn([.. path, property.Name], $"ignored: server '{name}' has a setting WorkflowStudio does not know");
                }
            }
            if (TryGet(entry, "envFile", out _))
            {
                Error([.. path, "envFile"], $"server '{name}' loads variables from an \"envFile\", which WorkflowStudio does not read; "
                    + "list them under \"env\" instead, with secrets as ${env:NAME} references to variables exported before WorkflowStudio starts");
            }
            var sandboxed = TryGet(entry, "sandboxEnabled", out var sandboxEnabled) && (sandboxEnabled.ValueKind == JsonValueKind.True
                || (sandboxEnabled.ValueKind == JsonValueKind.String && bool.TryParse(sandboxEnabled.GetString(), out var on) && on));
            if (sandboxed)
            {
                Error([.. path, "sandboxEnabled"], $"server '{name}' asks for VS Code's sandbox, which WorkflowStudio cannot provide, and it will not run the server unsandboxed; "
                    + "remove \"sandboxEnabled\" (and \"sandbox\") to run it without one, or run it in a container of your own and connect to it by \"url\"");
            }
            else if (TryGet(entry, "sandbox", out _))
            {
                Warn([.. path, "sandbox"], "ignored: sandbox rules apply only with \"sandboxEnabled\": true");
            }
            if (TryGet(entry, "dev", out _))
            {
                Warn([.. path, "dev"], "ignored: VS Code's development mode (watch, debug) does not apply to WorkflowStudio");
            }
        }

        private string? String(JsonElement entry, string key, object[] path)
        {
            if (!TryGet(entry, key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Error([.. path, key], $"expected a string, got {Describe(value)}");
                return null;
            }
            return value.GetString();
        }

        private List<string> StringList(JsonElement entry, string key, object[] path)
        {
            var list = new List<string>();
            if (!TryGet(entry, key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return list;
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error([.. path, key], $"expected an array of strings, got {Describe(value)}");
                return list;
            }
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                object[] itemPath = [.. path, key, index++];
                if (item.ValueKind != JsonValueKind.String)
                {
                    Error(itemPath, $"expected a string, got {Describe(item)}");
                }
                else if (Expand(item.GetString()!, itemPath) is { } expanded)
                {
                    list.Add(expanded);
                }
            }
            return list;
        }

        private Dictionary<string, string> StringMap(JsonElement entry, string key, object[] path)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!TryGet(entry, key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return map;
            }
            if (value.ValueKind != JsonValueKind.Object)
            {
                Error([.. path, key], $"expected an object of string values, got {Describe(value)}");
                return map;
            }
            foreach (var property in value.EnumerateObject())
            {
                object[] itemPath = [.. path, key, property.Name];
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    Error(itemPath, $"expected a string, got {Describe(property.Value)}");
                }
                else if (Expand(property.Value.GetString()!, itemPath) is { } expanded)
                {
                    map[property.Name] = expanded;
                }
            }
            return map;
        }

        /// <summary>
        /// Replaces <c>${VAR}</c> / <c>${env:VAR}</c> and VS Code's <c>${workspaceFolder}</c> / <c>${userHome}</c>; null (and an
        /// error) when a variable is malformed, unset, or one only an editor can answer (<c>${input:ID}</c>, <c>${config:…}</c>).
        /// </summary>
        private string? Expand(string value, object[] path)
        {
            var ok = true;
            var result = VariableReference().Replace(value, match =>
            {
                var name = match.Groups[1].Value;
                switch (name)
                {
                    case "workspaceFolder":
                        return Path.GetFileName(baseDirectory) == ".vscode" ? Path.GetDirectoryName(baseDirectory) ?? baseDirectory : baseDirectory;
                    case "userHome":
                        return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                }
                if (name.StartsWith("input:", StringComparison.Ordinal))
                {
                    var id = name["input:".Length..];
                    var prompt = _inputs.TryGetValue(id, out var description) && description is not null ? $" (\"{description}\")" : "";
                    Error(path, $"{match.Value} asks the editor to prompt for input '{id}'{prompt}, and WorkflowStudio runs unattended with no one to ask; "
                        + $"export the value as an environment variable before WorkflowStudio starts and write ${{env:NAME}} here instead");
                    ok = false;
                    return match.Value;
                }
                if (name.StartsWith("env:", StringComparison.Ordinal))
                {
                    name = name["env:".Length..];
                }
                else if (name.Contains(':', StringComparison.Ordinal))
                {
                    Error(path, $"{match.Value} is an editor variable WorkflowStudio cannot resolve; use ${{env:NAME}} (an environment variable), ${{workspaceFolder}} or ${{userHome}}");
                    ok = false;
                    return match.Value;
                }
                if (!VariableName().IsMatch(name))
                {
                    Error(path, $"'{match.Value}' is not a valid variable reference; use ${{NAME}} with letters, digits and underscores");
                    ok = false;
                    return match.Value;
                }
                var resolved = environment(name);
                if (resolved is null)
                {
                    Error(path, $"environment variable {name} is not set (referenced as {match.Value}); export it before starting WorkflowStudio");
                    ok = false;
                    return match.Value;
                }
                return resolved;
            });
            return ok ? result : null;
        }

        private string Format(object[] path)
        {
            if (!jsonPaths)
            {
                return path.Length == 0 ? McpServersConfig.SectionName : string.Join(':', path.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
            }
            var text = new StringBuilder("$");
            foreach (var segment in path)
            {
                if (segment is int index)
                {
                    text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (segment is string name && PlainJsonName().IsMatch(name))
                {
                    text.Append('.').Append(name);
                }
                else
                {
                    text.Append("['").Append(Convert.ToString(segment, CultureInfo.InvariantCulture)!.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                }
            }
            return text.ToString();
        }
    }
}
