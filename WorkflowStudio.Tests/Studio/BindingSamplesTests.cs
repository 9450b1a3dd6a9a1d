using System.Text.Json;
using Bunit;
using MudBlazor.Services;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The field picker's samples: what each earlier step's output field held in the workflow's last run.</summary>
public sealed class BindingSamplesTests
{
    private static RunResult Result(params (string Id, string Json)[] outputs) => new()
    {
        WorkflowId = "w",
        RunId = "run1",
        NextActions = [],
        PerformanceMetrics = new PerformanceMetrics(),
        Status = RunStatus.Success,
        ExecutionSummary = "",
        Results = outputs.Select(o => new NodeResult { ActionId = o.Id, Tool = "builtin/echo", Status = NodeStatus.Success, Result = JsonElement.Parse(o.Json) }).ToArray(),
    };

    [Fact]
    public void For_StepFields_AreTheLastRunsValuesCompactAndCut()
    {
        var samples = BindingSamples.From("run1", Result(("fetch", $$"""{"total": 1250.5, "rows": [{"region": "EU"}], "note": "{{new string('x', 200)}}"}""")));

        Assert.Equal("1250.5", samples.For("{{ steps.fetch.output.total }}"));
        Assert.Equal("\"EU\"", samples.For("{{ steps.fetch.output.rows[0].region }}"));
        Assert.Equal("[{\"region\":\"EU\"}]", samples.For("{{ steps.fetch.output.rows }}"));
        var note = samples.For("{{ steps.fetch.output.note }}")!;
        Assert.Equal(BindingSamples.MaxLength, note.Length);
        Assert.EndsWith("…", note, StringComparison.Ordinal);
    }

    [Fact]
    public void For_InputsMissingFieldsAndStepsThatDidNotRun_HaveNoSample()
    {
        var samples = BindingSamples.From("run1", Result(("fetch", """{"total": 1}""")));

        Assert.Null(samples.For("{{ inputs.period }}"));
        Assert.Null(samples.For("{{ steps.fetch.output.missing }}"));
        Assert.Null(samples.For("{{ steps.other.output }}"));
        Assert.Null(BindingSamples.Empty.For("{{ steps.fetch.output.total }}"));
    }

    [Fact]
    public async Task BindingPicker_WithSamples_ShowsEachBesideItsBinding()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var samples = BindingSamples.From("run1", Result(("fetch", """{"total": 1250.5}""")));

        // The menu's items render in the popover provider: render both in one root to find them.
        var picker = context.Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<BindingPicker>(1);
            builder.AddAttribute(2, nameof(BindingPicker.Bindings), (IReadOnlyList<string>)["{{ inputs.period }}", "{{ steps.fetch.output }}", "{{ steps.fetch.output.total }}"]);
            builder.AddAttribute(3, nameof(BindingPicker.Samples), samples);
            builder.AddAttribute(4, nameof(BindingPicker.Label), "amount");
            builder.CloseComponent();
        });
        await picker.Find("button").ClickAsync(new());

        var shown = picker.FindAll("[data-testid=binding-option]")
            .ToDictionary(o => o.GetAttribute("data-binding")!, o => o.QuerySelector("[data-testid=binding-sample]")?.TextContent.Trim());
        Assert.Equal(3, shown.Count);
        Assert.Null(shown["{{ inputs.period }}"]);
        Assert.Equal("= {\"total\":1250.5}", shown["{{ steps.fetch.output }}"]);
        Assert.Equal("= 1250.5", shown["{{ steps.fetch.output.total }}"]);
    }
}
