using System.Text;
using ModelContextProtocol.Client;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Error texts: what failed, the server's command line or URL, the exit code and the stderr tail.</summary>
internal sealed partial class McpServerConnection
{
    private ToolServerException StartFailure(Exception ex, StderrTail stderr, bool timedOut)
    {
        var what = _config.Transport == McpServerTransport.Http ? "URL" : "command";
        var reason = timedOut
            ? $"no MCP handshake within {_options.StartupTimeout.TotalSeconds:0.###} s"
            : Reason(ex);
        var message = new StringBuilder($"MCP server '{_config.Name}' failed to start ({what}: {_config.Describe()}): {reason}.");
        AppendStderr(message, ex is ClientTransportClosedException closed ? closed.Details : null, stderr);
        return new ToolServerException(_config.Name, message.ToString(), ex);
    }

    private static string Reason(Exception ex)
    {
        if (ex is ClientTransportClosedException { Details: StdioClientCompletionDetails { ExitCode: { } code } })
        {
            return $"the process exited with code {code}";
        }
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        var message = ex.Message.TrimEnd('.');
        return ReferenceEquals(innermost, ex) || message.Contains(innermost.Message.TrimEnd('.'), StringComparison.Ordinal)
            ? message
            : $"{message} ({innermost.Message.TrimEnd('.')})";
    }

    private static string Describe(Task<ClientCompletionDetails> completion, StderrTail stderr)
    {
        var details = completion.IsCompletedSuccessfully ? completion.Result : null;
        var text = new StringBuilder(details switch
        {
            StdioClientCompletionDetails { ExitCode: { } code } => $"the process exited with code {code}",
            { Exception: { } error } => error.Message,
            _ => "the connection closed",
        });
        AppendStderr(text, details, stderr);
        return text.ToString();
    }

    private static void AppendStderr(StringBuilder message, ClientCompletionDetails? details, StderrTail stderr)
    {
        IReadOnlyList<string> lines = stderr.Snapshot();
        if (lines.Count == 0 && details is StdioClientCompletionDetails { StandardErrorTail: { Count: > 0 } tail })
        {
            lines = tail;
        }
        if (lines.Count == 0)
        {
            return;
        }
        message.Append(Environment.NewLine).Append("Last stderr lines:");
        foreach (var line in lines)
        {
            message.Append(Environment.NewLine).Append("  ").Append(line);
        }
    }
}
