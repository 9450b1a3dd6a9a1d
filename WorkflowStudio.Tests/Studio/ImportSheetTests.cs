using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The studio's import sheet on the real built-in catalog: pasted text or a chosen .json file, validated before it says anything.</summary>
public sealed class ImportSheetTests : IAsyncLifetime
{
    private const string Valid = """{ "name": "fine", "nodes": [ { "id": "hello", "tool": "builtin/echo", "args": { "value": "hi" } } ] }""";
    private const string UnknownTool = """{ "name": "broken", "nodes": [ { "id": "fetch", "tool": "builtin/no_such_tool" } ] }""";

    private readonly BuiltinCatalog _catalog = new();
    private readonly BunitContext _context = ComponentTestContext.Create();
    private readonly List<WorkflowImportResult> _imported = [];

    [Fact]
    public void Import_PastedWorkflowWithAnUnknownTool_IsAWarningListingTheProblemInWords()
    {
        var sheet = Render();

        sheet.Find("textarea[data-testid=import-json]").Change(UnknownTool);
        sheet.Find("button[data-testid=import-button]").Click();

        sheet.WaitForAssertion(() => Assert.Single(_imported));
        var result = _imported[0];
        Assert.Equal(Severity.Warning, result.Severity);
        Assert.Contains("'broken' with 1 problem", result.Message, StringComparison.Ordinal);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("node 'fetch', field tool: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("$.", problem, StringComparison.Ordinal);
        Assert.Equal("broken", result.Workflow!.Name);
    }

    [Fact]
    public void Import_PastedValidWorkflow_IsASuccess()
    {
        var sheet = Render();

        sheet.Find("textarea[data-testid=import-json]").Change(Valid);
        sheet.Find("button[data-testid=import-button]").Click();

        sheet.WaitForAssertion(() => Assert.Single(_imported));
        Assert.Equal((Severity.Success, "Imported 'fine'."), (_imported[0].Severity, _imported[0].Message));
        Assert.Empty(_imported[0].Problems);
    }

    [Fact]
    public void Import_TextThatIsNotJson_StaysOnTheSheetAsAnError()
    {
        var sheet = Render();

        sheet.Find("textarea[data-testid=import-json]").Change("""{ "nodes": [ """);
        sheet.Find("button[data-testid=import-button]").Click();

        sheet.WaitForAssertion(() => Assert.Contains("Nothing was imported", sheet.Find("[data-testid=import-failure]").TextContent, StringComparison.Ordinal));
        Assert.StartsWith("workflow: invalid JSON at line 1", sheet.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_imported);
    }

    [Fact]
    public void ChooseFile_AJsonWorkflowFile_IsImportedAndShownInTheTextBox()
    {
        var sheet = Render();

        sheet.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Valid, "fine.json", contentType: "application/json"));

        sheet.WaitForAssertion(() => Assert.Single(_imported));
        Assert.Equal(Severity.Success, _imported[0].Severity);
        Assert.Contains("\"fine\"", sheet.Find("textarea[data-testid=import-json]").GetAttribute("value") ?? sheet.Find("textarea[data-testid=import-json]").TextContent,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", 10, "'notes.txt' is not a .json file")]
    [InlineData("huge.json", ImportSheet.MaxFileBytes + 1, "'huge.json' is 1.0 MB; workflow files up to 1 MB can be imported")]
    public void ChooseFile_WrongTypeOrTooLarge_SaysWhatIsWrongAndImportsNothing(string name, long size, string expected)
    {
        var sheet = Render();

        sheet.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[size], name));

        sheet.WaitForAssertion(() => Assert.Contains(expected, sheet.Find("[data-testid=import-failure]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_imported);
    }

    [Fact]
    public void ChooseFile_JsonFileThatIsNotAWorkflow_NamesTheFileAndTheProblem()
    {
        var sheet = Render();

        sheet.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{ "name": "a" }""", "data.json"));

        sheet.WaitForAssertion(() => Assert.Contains("'data.json': Nothing was imported", sheet.Find("[data-testid=import-failure]").TextContent, StringComparison.Ordinal));
        Assert.StartsWith("workflow: not a workflow", sheet.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_imported);
    }

    private IRenderedComponent<ImportSheet> Render() =>
        _context.Render<ImportSheet>(p => p
            .Add(c => c.Catalog, _catalog.Catalog)
            .Add(c => c.OnImported, (WorkflowImportResult result) => _imported.Add(result)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _catalog.Dispose();
    }
}
