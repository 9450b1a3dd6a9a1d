using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

public sealed class ToolInputValidatorTests
{
    private static readonly JsonElement Form = JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new Dictionary<string, object>
        {
            ["name"] = new { type = "string", @default = "Ada" },
            ["count"] = new { type = "integer", @default = 3 },
            ["notify"] = new { type = "boolean", @default = true },
            ["mode"] = new { type = "string", @enum = new[] { "fast", "safe" }, @default = "safe" },
            ["note"] = new { type = "string" },
        },
        required = new[] { "name", "count" },
    });

    [Fact]
    public void WithDefaults_AcceptLeavingFieldsOut_FillsTheFormsDefaults_AndPassesTheRequiredCheck()
    {
        var answer = new ToolInputAnswer(ToolInputAnswer.Accept, JsonSerializer.SerializeToElement(new { count = 7 }));

        var filled = ToolInputValidator.WithDefaults(Form, answer);

        Assert.Empty(ToolInputValidator.Check(Form, filled));
        var content = filled.Content!.Value;
        Assert.Equal(("Ada", 7, true, "safe"), (content.GetProperty("name").GetString(), content.GetProperty("count").GetInt32(),
            content.GetProperty("notify").GetBoolean(), content.GetProperty("mode").GetString()));
        Assert.False(content.TryGetProperty("note", out _));
        Assert.Contains("content.name is required", ToolInputValidator.Check(Form, answer with { Content = JsonSerializer.SerializeToElement(new { count = 1, name = (string?)null }) }));
    }

    [Fact]
    public void WithDefaults_DeclineOrCancel_SendsNoContent()
    {
        var declined = new ToolInputAnswer(ToolInputAnswer.Decline);

        Assert.Same(declined, ToolInputValidator.WithDefaults(Form, declined));
    }
}
