namespace WorkflowStudio.Engine.Application;

/// <summary>An artefact opened for reading; the caller disposes it (which closes <see cref="Content"/>).</summary>
internal sealed record RunArtefactFile(RunArtefact Artefact, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
