namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>
/// One ask of a request: the word as written, and whether it is soft (a name, an abbreviation, an everyday action, or what a
/// message is to say), which counts when covered and never as missing.
/// </summary>
internal sealed record RequestAsk(string Word, bool Soft)
{
    public string Lower => Word.ToLowerInvariant();
}
