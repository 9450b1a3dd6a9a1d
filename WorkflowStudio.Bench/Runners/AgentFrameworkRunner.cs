using Microsoft.Agents.AI.Workflows;
using WorkflowStudio.Bench.Dags;

namespace WorkflowStudio.Bench.Runners;

/// <summary>
/// Microsoft Agent Framework Workflows (Microsoft.Agents.AI.Workflows): one function executor per node; a node with one
/// dependency gets a plain or fan-out edge, a node with several a fan-in barrier edge; a zero-latency start executor fans
/// out to the roots. Runs in-process; the superstep loop is the framework's own.
/// </summary>
internal sealed class AgentFrameworkRunner : IDagRunner
{
    public string Name => "Agent Framework Workflows 1.28.0";

    /// <summary>The message every executor passes on when its work is done.</summary>
    private sealed record Done(string From);

    public async Task RunAsync(Dag dag, CancellationToken cancellationToken = default)
    {
        var workflow = Build(dag);
        await using var run = await InProcessExecution.RunStreamingAsync(workflow, new Done("input"), cancellationToken: cancellationToken);
        await foreach (var evt in run.WatchStreamAsync(cancellationToken))
        {
            if (evt is WorkflowErrorEvent or ExecutorFailedEvent)
            {
                throw new InvalidOperationException($"Agent Framework run failed: {evt}");
            }
        }
    }

    private static Workflow Build(Dag dag)
    {
        // A node with several dependencies receives one message per dependency in the same superstep: it works once.
        var started = new HashSet<string>(StringComparer.Ordinal);
        var executors = new Dictionary<string, ExecutorBinding>(StringComparer.Ordinal);
        foreach (var node in dag.Workflow.Nodes)
        {
            var id = node.Id;
            var ms = dag.LatencyMs[id];
            Func<Done, IWorkflowContext, CancellationToken, ValueTask> handler = async (_, context, ct) =>
            {
                lock (started)
                {
                    if (!started.Add(id))
                    {
                        return;
                    }
                }
                await SimulatedTools.WorkAsync(ms, ct);
                await context.SendMessageAsync(new Done(id), cancellationToken: ct);
            };
            executors[id] = new FunctionExecutor<Done>(id, handler, sentMessageTypes: [typeof(Done)]);
        }
        Func<Done, IWorkflowContext, CancellationToken, ValueTask> start = (message, context, ct) => context.SendMessageAsync(message, cancellationToken: ct);
        ExecutorBinding startBinding = new FunctionExecutor<Done>("__start", start, sentMessageTypes: [typeof(Done)]);
        var builder = new WorkflowBuilder(startBinding);

        var roots = dag.Graph.Roots.Select(r => executors[r]).ToArray();
        AddFanOut(builder, startBinding, roots);
        foreach (var node in dag.Workflow.Nodes)
        {
            var singles = dag.Graph.DependantsOf(node.Id).Where(d => dag.Graph.DependenciesOf(d).Count == 1).Select(d => executors[d]).ToArray();
            AddFanOut(builder, executors[node.Id], singles);
            var deps = dag.Graph.DependenciesOf(node.Id);
            if (deps.Count > 1)
            {
                builder.AddFanInBarrierEdge(deps.Select(d => executors[d]), executors[node.Id]);
            }
        }
        return builder.Build();
    }

    private static void AddFanOut(WorkflowBuilder builder, ExecutorBinding source, ExecutorBinding[] targets)
    {
        if (targets.Length == 1)
        {
            builder.AddEdge(source, targets[0]);
        }
        else if (targets.Length > 1)
        {
            builder.AddFanOutEdge(source, targets);
        }
    }
}
