namespace WorkflowStudio.Web.Cli;

/// <summary>
/// The parsed command line: a verb, its positional arguments, its options. Global options (the same for every
/// verb, so <c>serve</c> and <c>run</c> see one world) become configuration overrides.
/// </summary>
internal sealed class CliArguments
{
    /// <summary>Global option → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> GlobalOptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--mcp-config"] = "Studio:McpConfig",
        ["--data-dir"] = "Studio:DataDir",
        ["--storage"] = "Studio:Storage",
        ["--connection"] = "ConnectionStrings:Studio",
        ["--urls"] = "Urls",
        ["--role"] = "Studio:Role",
    };

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--json", "--help", "-h", "--no-wait", "--reject", "--decline", "--cancel" };

    private CliArguments(string verb)
    {
        Verb = verb;
    }

    public string Verb { get; }
    public List<string> Positionals { get; } = [];
    public Dictionary<string, List<string>> Options { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Has(string flag) => Options.ContainsKey(flag);

    public string? Value(string option) => Options.TryGetValue(option, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string option) => Options.TryGetValue(option, out var values) ? values : [];

    /// <summary>Parses <paramref name="args"/>; <paramref name="valueOptions"/> are the verb options that take a value.</summary>
    public static CliArguments Parse(string[] args, Func<string, IReadOnlySet<string>> valueOptions)
    {
        var verb = FindVerb(args, valueOptions) ?? "help";
        var parsed = new CliArguments(verb);
        var takesValue = valueOptions(verb);
        var seenVerb = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            if (GlobalOptions.TryGetValue(name, out var key))
            {
                parsed.Configuration[key] = inline ?? Next(args, ref i, name);
            }
            else if (takesValue.Contains(name))
            {
                Add(parsed, name, inline ?? Next(args, ref i, name));
            }
            else if (Flags.Contains(name))
            {
                Add(parsed, name, "true");
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                throw new CliUsageException($"unknown option '{arg}' for 'studio {verb}'");
            }
            else if (!seenVerb && arg == verb)
            {
                seenVerb = true;
            }
            else
            {
                parsed.Positionals.Add(arg);
            }
        }
        return parsed;
    }

    /// <summary>The first argument that is neither an option nor an option's value (global options may come first).</summary>
    private static string? FindVerb(string[] args, Func<string, IReadOnlySet<string>> valueOptions)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = Split(args[i]);
            if (!args[i].StartsWith('-'))
            {
                return args[i];
            }
            if (inline is null && GlobalOptions.ContainsKey(name))
            {
                i++; // its value
            }
        }
        return null;
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return (arg, null);
        }
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    private static string Next(string[] args, ref int i, string name) =>
        ++i < args.Length ? args[i] : throw new CliUsageException($"option '{name}' needs a value");

    private static void Add(CliArguments parsed, string name, string value)
    {
        if (!parsed.Options.TryGetValue(name, out var values))
        {
            parsed.Options[name] = values = [];
        }
        values.Add(value);
    }
}

/// <summary>The command line is wrong; exit code 2 with this message and the usage.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message)
    {
    }
}
