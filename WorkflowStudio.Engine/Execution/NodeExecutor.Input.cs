using System.Globalization;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// A tool server asks a person for input (MCP elicitation). With an <c>input_required</c> result (2026-07-28) the call
/// ends, the node waits as awaiting_input with nothing held, and once answered it is queued and calls again; the SDK
/// then meets the same question and is answered from the journal (<see cref="NodeExecution.Answered"/>), then repeats
/// the call with the server's <c>requestState</c>. With <c>elicitation/create</c> during an open call (2025-era servers)
/// the call waits, under the node's lease, at most <see cref="ExecutionOptions.InputTimeoutSeconds"/>.
/// </summary>
internal sealed partial class NodeExecutor
{
    private static readonly TimeSpan AnswerPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>The rounds a person answered, from the node's row: earlier rounds and the last question with its answer.</summary>
    private static List<NodeInputRound> AnsweredRounds(NodeRunRecord self)
    {
        if (NodeInput.Parse(self.InputRequest) is not { } input)
        {
            return [];
        }
        var rounds = new List<NodeInputRound>(input.Answered);
        if (NodeInput.ParseAnswer(self.InputAnswer) is { } answer)
        {
            rounds.Add(new NodeInputRound(input.Message, input.RequestedSchema, answer));
        }
        return rounds;
    }

    private async ValueTask<ToolInputAnswer> AnswerQuestionAsync(NodeExecution execution, string tool, ToolInputRequest question, NodeClock clock,
        CancellationToken cancellationToken)
    {
        if (execution.Answered.FindLast(r => question.IsSameQuestion(r.Message, r.RequestedSchema)) is { } known)
        {
            return known.Answer; // asked again as the call is made again: answered from the journal
        }
        if (!question.InFlight)
        {
            throw new ToolInputRequiredException(question);
        }
        var context = execution.Context;
        var node = execution.Node;
        var input = new NodeInput { Message = question.Message, RequestedSchema = question.RequestedSchema, InFlight = true, Tool = tool };
        var awaiting = new NodeAwaitingInput(context.RunId, _time.GetUtcNow(), node.Id, tool, question.Message, question.RequestedSchema, InFlight: true);
        var seq = await _store.AwaitInputInFlightAsync(context.RunId, node.Id, execution.LeaseEpoch, input.ToJson(), _journal.Entry(awaiting), cancellationToken)
            ?? throw new LeaseLostException(context.RunId, node.Id);
        _journal.Published(awaiting, seq);
        clock.Stop();
        try
        {
            using var limit = new CancellationTokenSource(_options.InputTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            while (true)
            {
                var row = (await _store.GetNodeRunsAsync(context.RunId, [node.Id], cancellationToken)).Single();
                if (NodeInput.ParseAnswer(row.InputAnswer) is { } answer)
                {
                    execution.Answered.Add(new NodeInputRound(question.Message, question.RequestedSchema, answer));
                    return answer;
                }
                try
                {
                    await Task.Delay(AnswerPoll, _time, linked.Token);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    if (await _store.WithdrawInputAsync(context.RunId, node.Id, execution.LeaseEpoch, CancellationToken.None))
                    {
                        var seconds = _options.InputTimeoutSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                        throw new TimeoutException(
                            $"nobody answered its question within {seconds} s (Execution:InputTimeoutSeconds; the server kept the call open meanwhile)");
                    }
                    // An answer came in as the time ran out: the next read takes it.
                }
            }
        }
        finally
        {
            clock.Restart();
        }
    }

    /// <summary>The call ended asking a person: the node waits as awaiting_input, its lease given up, the question journaled.</summary>
    private async ValueTask<bool> AwaitInputAsync(NodeExecution execution, ToolInputRequest question)
    {
        var (context, node) = (execution.Context, execution.Node);
        var input = new NodeInput
        {
            Message = question.Message,
            RequestedSchema = question.RequestedSchema,
            InFlight = false,
            Tool = node.Tool,
            Answered = execution.Answered,
        };
        var awaiting = new NodeAwaitingInput(context.RunId, _time.GetUtcNow(), node.Id, node.Tool, question.Message, question.RequestedSchema, InFlight: false);
        var seq = await _store.AwaitInputAsync(execution.Finished!, execution.LeaseEpoch, input.ToJson(), _journal.Entry(awaiting), CancellationToken.None);
        if (seq is { } journaled)
        {
            _journal.Published(awaiting, journaled);
        }
        else
        {
            LogLeaseLost(context.RunId, node.Id);
        }
        return true;
    }
}
