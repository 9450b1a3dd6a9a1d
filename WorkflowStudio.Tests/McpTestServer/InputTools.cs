using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpTestServer;

/// <summary>
/// Tools that ask the client for input: through a 2026-07-28 <c>input_required</c> result whose state travels with the
/// client (<c>ask_mrtr</c>, survives a restart of either side), through the SDK's <c>ElicitAsync</c> (a legacy
/// <c>elicitation/create</c> request on a 2025-era session, <c>ask_legacy</c>), and through sampling (<c>summarize</c>).
/// </summary>
[McpServerToolType]
internal sealed class InputTools
{
    private const string StateV1 = "ask-mrtr:v1";

    private static ElicitRequestParams NameForm(string message) => new()
    {
        Message = message,
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
            {
                ["name"] = new ElicitRequestParams.StringSchema { Title = "Name", Description = "Who to greet" },
                ["times"] = new ElicitRequestParams.NumberSchema { Type = "integer", Title = "Times" },
                ["loud"] = new ElicitRequestParams.BooleanSchema { Title = "Loud" },
            },
            Required = ["name"],
        },
    };

    [McpServerTool(Name = "ask_mrtr", ReadOnly = false, Idempotent = false, Destructive = false)]
    [Description("Asks who to greet with an input_required result (stateless, requestState), then greets them; decline is an error.")]
    public static CallToolResult AskMrtr(RequestContext<CallToolRequestParams> context, string topic)
    {
        if (context.Params?.RequestState is { } state)
        {
            if (state != StateV1 || (context.Params.InputResponses?.TryGetValue("who", out var found) == true ? found : null) is not { } response)
            {
                return Error($"unexpected retry: state '{state}', responses {string.Join(",", context.Params.InputResponses?.Keys ?? [])}");
            }
            var answer = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo)!;
            return answer.Action == "accept" && answer.Content?.TryGetValue("name", out var name) == true
                ? new CallToolResult { Content = [new TextContentBlock { Text = $"hello {name.GetString()} about {topic}" }] }
                : Error($"the person chose {answer.Action}; nothing was greeted");
        }
        throw new InputRequiredException(
            new Dictionary<string, InputRequest> { ["who"] = InputRequest.ForElicitation(NameForm($"Who should be greeted about {topic}?")) },
            StateV1);
    }

    [McpServerTool(Name = "ask_legacy", ReadOnly = true, Idempotent = true)]
    [Description("Asks who to greet through ElicitAsync while the call is in flight, then greets them; decline is an error.")]
    public static async Task<CallToolResult> AskLegacyAsync(McpServer server, string topic, CancellationToken cancellationToken)
    {
        var answer = await server.ElicitAsync(NameForm($"Who should be greeted about {topic}?"), cancellationToken);
        return answer.Action == "accept" && answer.Content?.TryGetValue("name", out var name) == true
            ? new CallToolResult { Content = [new TextContentBlock { Text = $"hello {name.GetString()} about {topic}" }] }
            : Error($"the person chose {answer.Action}; nothing was greeted");
    }

    // Sampling is deprecated by 2026-07-28 (SEP-2577) but 2025-era servers still send it: this tool is how the client's answer is tested.
#pragma warning disable MCP9005
    [McpServerTool(Name = "summarize", ReadOnly = true, Idempotent = true)]
    [Description("Asks the client's model (sampling/createMessage) to summarize the text; answers with the model's text.")]
    public static async Task<string> SummarizeAsync(McpServer server, string text, CancellationToken cancellationToken)
    {
        var result = await server.SampleAsync(new CreateMessageRequestParams
        {
            Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = $"Summarize: {text}" }] }],
            MaxTokens = 100,
        }, cancellationToken);
        return "summary: " + string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
    }
#pragma warning restore MCP9005

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}
