using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;

namespace WorkflowStudio.Tests.Studio;

public sealed class WorkflowEditorTests
{
    [Fact]
    public void AddNode_TwiceSameTool_GivesUniqueIdsFromTheToolName()
    {
        var editor = new WorkflowEditor();

        var first = editor.AddNode("builtin/echo", 0, 0);
        var second = editor.AddNode("builtin/echo", 100, 0);

        Assert.Equal("echo", first);
        Assert.Equal("echo_2", second);
        Assert.Equal(new NodePosition(100, 0), editor.Positions[second]);
    }

    [Fact]
    public void Connect_AddsDependsOn_AndUndoRemovesIt()
    {
        var editor = new WorkflowEditor(Of(Node("a"), Node("b")));
        var changes = 0;
        editor.Changed += () => changes++;

        Assert.Null(editor.Connect("a", "b"));
        Assert.Equal(["a"], editor.Workflow.FindNode("b")!.DependsOn);

        Assert.True(editor.Undo());
        Assert.Empty(editor.Workflow.FindNode("b")!.DependsOn);
        Assert.True(editor.Redo());
        Assert.Equal(["a"], editor.Workflow.FindNode("b")!.DependsOn);
        Assert.Equal(3, changes);
    }

    [Fact]
    public void Connect_BackwardsLink_IsRefusedAsACycle()
    {
        var editor = new WorkflowEditor(Of(Node("a"), Node("b", "a"), Node("c", "b")));

        var problem = editor.Connect("c", "a");

        Assert.Contains("cycle", problem, StringComparison.Ordinal);
        Assert.Empty(editor.Workflow.FindNode("a")!.DependsOn);
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void Disconnect_BindingDependency_ExplainsThatTheBindingKeepsIt()
    {
        var editor = new WorkflowEditor(Of(Node("a"), Node("b") with
        {
            Args = System.Text.Json.JsonSerializer.SerializeToElement(new { value = "{{ steps.a.output }}" }),
        }));

        var problem = editor.Disconnect("a", "b");

        Assert.Contains("binding", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveNode_DropsItFromOtherNodesDependsOn()
    {
        var editor = new WorkflowEditor(Diamond());

        editor.RemoveNode("b");

        Assert.Null(editor.Workflow.FindNode("b"));
        Assert.Equal(["c"], editor.Workflow.FindNode("d")!.DependsOn);
        Assert.False(editor.Positions.ContainsKey("b"));
    }

    [Fact]
    public void UpdateNode_Rename_CarriesTheIdIntoDependsOnAndPositions()
    {
        var editor = new WorkflowEditor(Diamond());
        var position = editor.Positions["a"];

        editor.UpdateNode("a", editor.Workflow.FindNode("a")! with { Id = "start" });

        Assert.Equal(["start"], editor.Workflow.FindNode("b")!.DependsOn);
        Assert.Equal(position, editor.Positions["start"]);
    }

    [Fact]
    public void MoveNode_IsNotAnUndoStep_ButTravelsWithTheNextEdit()
    {
        var editor = new WorkflowEditor(Of(Node("a"), Node("b")));

        editor.MoveNode("a", 500, 300);
        Assert.False(editor.CanUndo);
        editor.Connect("a", "b");
        editor.Undo();

        Assert.Equal(500, editor.Positions["a"].X);
    }

    [Fact]
    public void Load_LaysOutTheNewWorkflow_AndIsUndoable()
    {
        var editor = new WorkflowEditor();

        editor.Load(Diamond());

        Assert.Equal(4, editor.Positions.Count);
        Assert.True(editor.Undo());
        Assert.Empty(editor.Workflow.Nodes);
    }

    [Fact]
    public void HasUnsavedChanges_OpenedThenOnlyMoved_IsFalse()
    {
        var editor = new WorkflowEditor(Of(Node("a"), Node("b")));

        editor.MoveNode("a", 400, 300);
        editor.Relayout();

        Assert.False(editor.HasUnsavedChanges);
    }

    [Fact]
    public void HasUnsavedChanges_EditThenMarkClean_IsTrueThenFalse()
    {
        var editor = new WorkflowEditor(Of(Node("a")));

        editor.AddNode("builtin/echo", 0, 0);
        var edited = editor.HasUnsavedChanges;
        editor.MarkClean();

        Assert.True(edited);
        Assert.False(editor.HasUnsavedChanges);
    }

    [Fact]
    public void HasUnsavedChanges_EditUndoneBackToTheSavedWorkflow_IsFalse()
    {
        var editor = new WorkflowEditor(Of(Node("a")));
        editor.UpdateWorkflow(w => w with { Name = "renamed" });
        Assert.True(editor.HasUnsavedChanges);

        editor.Undo();

        Assert.False(editor.HasUnsavedChanges);
    }

    [Fact]
    public void HasUnsavedChanges_PlanLoadedOverASavedWorkflow_IsTrue()
    {
        var editor = new WorkflowEditor(Of(Node("a")));
        editor.MarkClean();

        editor.Load(Of(Node("planned")));

        Assert.True(editor.HasUnsavedChanges);
    }
}
