using Microsoft.Extensions.AI;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// The one test double we allow, a model behind <see cref="IChatClient"/>: counts the calls it gets and answers each through
/// <c>answer(callNumber, messages)</c> (1-based), which may throw to stand for a model client that fails.
/// </summary>
internal sealed class CountingChatClient : IChatClient
{
    private readonly Func<int, IReadOnlyList<ChatMessage>, string> _answer;
    private int _calls;

    public CountingChatClient(Func<int, IReadOnlyList<ChatMessage>, string> answer) => _answer = answer;

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, _answer(call, messages.ToList())))
        {
            ModelId = "counting-model",
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The engine does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
