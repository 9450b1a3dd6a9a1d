using Blazor.Diagrams.Core.Geometry;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// The studio: plan or draw a workflow on the canvas, edit it with live validation, save versions, review the
/// plan and run it with live node states. Editing state lives in <see cref="WorkflowEditor"/>, run state in
/// <see cref="RunCanvasState"/>; this class wires them to the engine.
/// </summary>
public sealed partial class StudioPage
{
    private readonly WorkflowEditor _editor = new();
    private readonly RunCanvasState _run = new();
    private readonly Dictionary<string, string> _inputTexts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private WorkflowCanvas? _canvas;
    private ToolPaletteModel _palette = ToolPaletteModel.Empty;
    private ValidationIndex _validation = ValidationIndex.Empty;
    private PlanEstimate _estimate = new();
    private PlanMetadata? _planMetadata;
    private PlanBannerModel? _planBanner;
    private PlanResult? _suggested;
    private WorkflowDefinition? _plannedWorkflow;
    private string? _request;
    private bool _planning;
    private string? _planMessage;
    private Severity _planSeverity = Severity.Info;
    private string? _selectedId;
    private ToolDescriptor? _draggedTool;
    private int _validationSequence;
    private string? _loadedKey;
    private bool _canEdit = true;
    // The canvas fills the page; the palette (left) and the details of the selected step or the plan (right) are
    // drawers beside it that collapse to nothing. The palette starts open only on an empty studio.
    private bool _paletteOpen;
    private bool _panelOpen;

    /// <summary>Below this canvas width (CSS px), selecting a step closes the palette rather than squeezing the canvas further.</summary>
    private const double NarrowCanvas = 640;

    /// <summary>The details drawer's width (<c>.studio-drawer-right</c> in app.css).</summary>
    private const double DetailsDrawerWidth = 360;

    /// <summary>The signed-in tenant's view of the tools: palette, validation and import all use it.</summary>
    private IToolCatalog Catalog { get; set; } = default!;

    [Parameter]
    public string? WorkflowId { get; set; }

    [SupplyParameterFromQuery(Name = "template")]
    public string? TemplateId { get; set; }

    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private IRunReader Runs { get; set; } = default!;
    [Inject] private IRunEventStream Events { get; set; } = default!;
    [Inject] private StudioTenant Tenant { get; set; } = default!;
    [Inject] private TimeProvider TimeProvider { get; set; } = default!;
    [Inject] private ITemplateCatalog Templates { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private WorkflowNode? SelectedNode => _selectedId is null ? null : _editor.Workflow.FindNode(_selectedId);

    protected override async Task OnInitializedAsync()
    {
        _paletteOpen = WorkflowId is null && TemplateId is null;
        _editor.Changed += OnEditorChanged;
        _canEdit = (await Tenant.CallerAsync()).CanEdit;
        Catalog = await Tenant.ToolsAsync();
        _palette = await ToolPaletteModel.LoadAsync(Catalog, _disposed.Token);
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{WorkflowId}|{TemplateId}";
        if (key == _loadedKey)
        {
            return;
        }
        _loadedKey = key;
        if (WorkflowId is not null && WorkflowId != _saved?.Id)
        {
            await LoadSavedAsync(WorkflowId, null);
        }
        else if (WorkflowId is null && TemplateId is not null)
        {
            LoadTemplate(TemplateId);
        }
        else if (_editor.Workflow.Nodes.Count == 0)
        {
            await RevalidateAsync();
        }
    }

    private void LoadTemplate(string templateId)
    {
        if (Templates.Find(templateId) is not { } template)
        {
            Show($"No template '{templateId}'; pick one in the gallery.", Severity.Warning);
            return;
        }
        LoadWorkflow(template.Workflow, resetHistory: true);
        _editor.MarkClean();
        Show($"Template '{template.Title}' loaded: adjust its inputs below, then Run.", Severity.Info);
    }

    private void LoadWorkflow(WorkflowDefinition workflow, bool resetHistory = false)
    {
        _planMetadata = null;
        _plannedWorkflow = null;
        _selectedId = null;
        _samples = BindingSamples.Empty;
        _run.Reset();
        _inputTexts.Clear();
        _canvas?.FitAfterNextRebuild();
        _editor.Load(workflow, resetHistory);
    }

    private async Task PlanAsync()
    {
        if (string.IsNullOrWhiteSpace(_request))
        {
            return;
        }
        // Planners are optional: another part of the product registers them.
        var planner = Services.GetService<IWorkflowPlanner>();
        if (planner is null)
        {
            Show("No planner is configured in this studio, so requests cannot be planned yet. Start from a template " +
                 "(Templates in the menu), import a workflow, or add tools from the palette.", Severity.Warning);
            return;
        }
        _planning = true;
        try
        {
            var result = await planner.PlanAsync(new PlanRequest { Request = _request.Trim() }, _disposed.Token);
            if (result.Workflow is null)
            {
                Show($"The {result.Planner} planner could not plan this request: {string.Join("; ", result.Errors)}", Severity.Error);
                return;
            }
            var banner = PlanBannerModel.Of(result, _request);
            if (banner.IsSuggestion)
            {
                // A weak match is offered, not applied: the canvas keeps what the user had until they take it.
                _suggested = result;
                _planMessage = null;
                _planBanner = banner;
                return;
            }
            ApplyPlan(result);
            _planMessage = null;
            _planBanner = banner;
        }
        finally
        {
            _planning = false;
        }
    }

    private void ApplyPlan(PlanResult result)
    {
        _paletteOpen = false; // a planned graph gets the whole canvas; the tools are one click away
        LoadWorkflow(result.Workflow!);
        _planMetadata = result.Metadata;
        _plannedWorkflow = result.Workflow;
        _estimate = PlanEstimates.Estimate(result.Workflow!, result.Metadata);
    }

    /// <summary>"Use it anyway": the suggested (weak) plan goes on the canvas; the banner stays a warning, not a success.</summary>
    private void UseSuggestion()
    {
        if (_suggested is { Workflow: not null } suggested)
        {
            ApplyPlan(suggested);
            _suggested = null;
            _planBanner = null;
            Show($"The closest plan is on the canvas, though it is not a good fit: check every step before Run. ({suggested.Explanation})", Severity.Warning);
        }
    }

    private void DismissPlanBanner()
    {
        _planBanner = null;
        _suggested = null;
    }

    private void OnEditorChanged() => _ = InvokeAsync(RevalidateAsync);

    /// <summary>Validates the current workflow; a result that arrives after a newer edit is dropped.</summary>
    private async Task RevalidateAsync()
    {
        var sequence = Interlocked.Increment(ref _validationSequence);
        var workflow = _editor.Workflow;
        var errors = workflow.Nodes.Count == 0 ? [] : await WorkflowValidator.ValidateAsync(workflow, Catalog, cancellationToken: _disposed.Token);
        var estimate = await EstimateAsync(workflow);
        if (sequence != _validationSequence)
        {
            return;
        }
        _validation = new ValidationIndex(workflow, errors);
        _estimate = estimate;
        StateHasChanged();
    }

    private void AddTool(ToolDescriptor tool)
    {
        var right = _editor.Positions.Values.Select(p => p.X).DefaultIfEmpty(0).Max();
        var x = _editor.Workflow.Nodes.Count == 0 ? LayoutOptions.DefaultMargin : right + LayoutOptions.DefaultNodeWidth + LayoutOptions.DefaultHorizontalGap;
        _selectedId = _editor.AddNode(tool.FullName, x, LayoutOptions.DefaultMargin);
        _panelOpen = true;
    }

    private void DropTool(Point point)
    {
        if (_draggedTool is { } tool)
        {
            _selectedId = _editor.AddNode(tool.FullName, point.X, point.Y);
            _draggedTool = null;
            _panelOpen = true;
        }
    }

    private void UpdateNode(string id, WorkflowNode updated)
    {
        if (updated.Id != id && _editor.Workflow.FindNode(updated.Id) is not null)
        {
            ShowMessage($"Another step already has the id '{updated.Id}'.");
            return;
        }
        _editor.UpdateNode(id, updated);
        _selectedId = updated.Id;
    }

    private void DeleteNode(string id)
    {
        _editor.RemoveNode(id);
        _selectedId = null;
    }

    private async Task Select(string? id)
    {
        _selectedId = id;
        if (id is not null && _paletteOpen && _canvas is { Width: > 0 } canvas && canvas.Width - (_panelOpen ? 0 : DetailsDrawerWidth) < NarrowCanvas)
        {
            // Both drawers would leave a sliver of canvas (1440 and 1280 px windows): the step's details take the palette's place.
            _paletteOpen = false;
        }
        _panelOpen |= id is not null;
        await LoadSelectedRecordAsync();
    }

    private void RenameWorkflow(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            _editor.UpdateWorkflow(w => w with { Name = name.Trim() });
        }
    }

    private void Undo() => _editor.Undo();

    private void Redo() => _editor.Redo();

    private void Relayout() => _editor.Relayout();

    private void OnKeyDown(KeyboardEventArgs e)
    {
        if (!(e.CtrlKey || e.MetaKey))
        {
            return;
        }
        if (e.Key is "z" or "Z" && !e.ShiftKey)
        {
            _editor.Undo();
        }
        else if (e.Key is "y" or "Y" || (e.Key is "z" or "Z" && e.ShiftKey))
        {
            _editor.Redo();
        }
    }

    private static string Expanded(bool open) => open ? "true" : "false";

    private void ShowMessage(string message) => Snackbar.Add(message, Severity.Warning);

    private void Show(string message, Severity severity)
    {
        _planBanner = null;
        _suggested = null;
        _planMessage = ProblemText.ForPeople(message);
        _planSeverity = severity;
    }

    public void Dispose()
    {
        _editor.Changed -= OnEditorChanged;
        _disposed.Cancel();
        _runSubscription?.Dispose();
        _disposed.Dispose();
    }
}
