using MudBlazor;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Pages;

// Saving (every save is a new version), versions, import (ours or the seed's format, pasted or from a file) and export.
public sealed partial class StudioPage
{
    private SavedWorkflowInfo? _saved;
    private IReadOnlyList<SavedWorkflowInfo> _versions = [];
    private bool _showImport;
    private bool _showExport;
    private bool _exportSeed;

    /// <summary>The seed format's rendering of the canvas, with what it cannot carry (see <see cref="SeedFormat.Export"/>).</summary>
    private SeedExport SeedExport => SeedFormat.Export(_editor.Workflow);

    private string ExportJson => _exportSeed ? SeedExport.Json ?? string.Empty : WorkflowJson.Serialize(_editor.Workflow);

    private string ExportFileName => $"{_editor.Workflow.Name}{(_exportSeed ? ".seed" : "")}.json";

    private string ExportHref => "data:application/json;charset=utf-8," + Uri.EscapeDataString(ExportJson);

    private async Task LoadSavedAsync(string workflowId, int? version)
    {
        var saved = await Tenant.FindWorkflowAsync(workflowId, version, _disposed.Token);
        if (saved is null)
        {
            if (version is null)
            {
                // Unknown, or another tenant's: the not-found page either way.
                Navigation.NotFound();
                return;
            }
            Show($"Saved workflow '{workflowId}' has no version {version}.", Severity.Warning);
            return;
        }
        LoadWorkflow(saved.Definition, resetHistory: version is null);
        _editor.MarkClean();
        _saved = new SavedWorkflowInfo(saved.Id, saved.Version, saved.Name, saved.CreatedAt, saved.Note);
        _versions = await Tenant.ListVersionsAsync(saved.Id, _disposed.Token);
        await LoadSamplesAsync(null);
    }

    private async Task SaveAsync()
    {
        var saving = _editor.Workflow;
        var saved = await Tenant.SaveWorkflowAsync(_saved?.Id, saving, _disposed.Token);
        if (ReferenceEquals(saving, _editor.Workflow))
        {
            _editor.MarkClean();
        }
        _saved = new SavedWorkflowInfo(saved.Id, saved.Version, saved.Name, saved.CreatedAt, saved.Note);
        _versions = await Tenant.ListVersionsAsync(saved.Id, _disposed.Token);
        Snackbar.Add($"Saved '{saved.Name}' as version {saved.Version}.", Severity.Success);
        if (WorkflowId != saved.Id)
        {
            _loadedKey = $"{saved.Id}|{TemplateId}";
            Navigation.NavigateTo($"workflows/{saved.Id}");
        }
    }

    private async Task RestoreAsync(int version)
    {
        if (_saved is null)
        {
            return;
        }
        var restored = await Tenant.RestoreWorkflowAsync(_saved.Id, version, _disposed.Token);
        _editor.Load(restored.Definition);
        _editor.MarkClean();
        _saved = new SavedWorkflowInfo(restored.Id, restored.Version, restored.Name, restored.CreatedAt, restored.Note);
        _versions = await Tenant.ListVersionsAsync(restored.Id, _disposed.Token);
        Snackbar.Add($"Version {version} restored as version {restored.Version}.", Severity.Success);
    }

    /// <summary>A read workflow goes onto the canvas; success is said only for a valid one, problems under a warning.</summary>
    private void Imported(WorkflowImportResult result)
    {
        _showImport = false;
        LoadWorkflow(result.Workflow!);
        var more = result.ProblemCount > result.Problems.Count ? $" (and {result.ProblemCount - result.Problems.Count} more)" : "";
        Snackbar.Add(result.Problems.Count == 0 ? result.Message : $"{result.Message} {string.Join("; ", result.Problems)}{more}", result.Severity);
    }

    private void ToggleImport() => _showImport = !_showImport;

    /// <summary>Opens the export panel in the given format, or closes it when it already shows that format.</summary>
    private void ToggleExport(bool seed)
    {
        _showExport = !_showExport || _exportSeed != seed;
        _exportSeed = seed;
    }
}
