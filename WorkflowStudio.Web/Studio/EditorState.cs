using System.Collections.Immutable;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>One undoable state of the canvas: the workflow and where its nodes sit.</summary>
public sealed record EditorState(WorkflowDefinition Workflow, ImmutableDictionary<string, NodePosition> Positions);
