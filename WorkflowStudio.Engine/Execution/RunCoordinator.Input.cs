using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class RunCoordinator
{
    // An answer is a compare-and-set on the node's unanswered question, like an approval: of two answers (or an answer and
    // a cancel) sent at once exactly one applies.

    public async ValueTask AnswerInputAsync(string runId, string nodeId, string answeredBy, ToolInputAnswer answer, CancellationToken cancellationToken = default)
    {
        await RequireNodeAsync(runId, nodeId, cancellationToken);
        var row = (await _store.GetNodeRunsAsync(runId, [nodeId], cancellationToken)).Single();
        if (!row.AwaitsInput || NodeInput.Parse(row.InputRequest) is not { } input)
        {
            throw new ApprovalException(
                $"node '{nodeId}' of run {runId} is not waiting for input (it is {row.ReportedStatus}: answered already, cancelled, or it never asked)");
        }
        answer = ToolInputValidator.WithDefaults(input.RequestedSchema, answer);
        var problems = ToolInputValidator.Check(input.RequestedSchema, answer);
        if (problems.Count > 0)
        {
            throw new InputAnswerException(runId, nodeId, problems);
        }
        var now = _time.GetUtcNow();
        var answered = new NodeInputAnswered(runId, now, nodeId, answer.Action, answeredBy);
        if (await _store.AnswerInputAsync(runId, nodeId, NodeInput.AnswerJson(answer), now.ToUnixTimeMilliseconds(), _journal.Entry(answered), cancellationToken)
            is not { } applied)
        {
            var after = (await _store.GetNodeRunsAsync(runId, [nodeId], cancellationToken)).Single();
            throw new ApprovalException(
                $"node '{nodeId}' of run {runId} is not waiting for input any more (it is {after.ReportedStatus}: another answer or a cancel came first)");
        }
        _journal.Published(answered, applied.Seq);
        if (applied.Queued)
        {
            _dispatcher.Dispatch(runId, [nodeId]);
        }
    }
}
