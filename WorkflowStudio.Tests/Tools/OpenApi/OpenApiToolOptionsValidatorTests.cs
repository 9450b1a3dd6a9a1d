using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.Tools.OpenApi;

namespace WorkflowStudio.Tests.Tools.OpenApi;

public sealed class OpenApiToolOptionsValidatorTests
{
    [Theory]
    [InlineData("Tools:OpenApi:MaxExpandedNodes", "10", "Tools:OpenApi:MaxExpandedNodes is 10; set at least 1000")]
    [InlineData("Tools:OpenApi:MaxExpandedBytes", "100", "Tools:OpenApi:MaxExpandedBytes is 100; set at least 65536")]
    [InlineData("Tools:OpenApi:MaxExpansionSeconds", "0", "Tools:OpenApi:MaxExpansionSeconds is 0; set a positive number")]
    public async Task Options_BadExpansionLimit_FailWithAFixItMessage(string key, string value, string expected)
    {
        await using var host = ToolHost.Create([new(key, value)]);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<OpenApiToolOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
