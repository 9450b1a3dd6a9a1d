using WorkflowStudio.Engine.Templates;
using Xunit.Abstractions;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// Every gallery template runs offline to success on its own defaults and the shipped demo data, in one shared host:
/// steps that wait for a person are approved, and they are exactly the ones <see cref="TemplateApprovalTests"/> pins.
/// </summary>
public sealed class GalleryScenarioTests : IClassFixture<ScenarioFixture>
{
    private readonly ScenarioFixture _fixture;
    private readonly ITestOutputHelper _output;

    public GalleryScenarioTests(ScenarioFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public static TheoryData<string> TemplateIds => [.. new EmbeddedTemplateCatalog().Templates.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public async Task Template_OnItsDefaultsOffline_RunsToSuccess(string id)
    {
        var (result, approved) = await _fixture.Host.RunTemplateApprovingAsync(id);

        ScenarioHost.AssertSucceeded(result);
        Assert.NotNull(result.Output);
        _output.WriteLine(result.Output.Value.GetRawText());
        var expected = (string[])TemplateApprovalTests.Gated.Single(row => (string)row[0] == id)[1];
        Assert.Equal(expected.Order(StringComparer.Ordinal), approved.Order(StringComparer.Ordinal));
    }
}
