using Microsoft.Playwright;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Browser;

/// <summary>axe-core (from .tools/npm, injected into the page; no network): the serious and critical violations of a page.</summary>
internal static class AxeAudit
{
    public static readonly string Path = System.IO.Path.Combine(TestServers.RepositoryRoot, ".tools", "npm", "node_modules", "axe-core", "axe.min.js");

    // Impact levels that fail the test (and the page's main landmark); other moderate and minor ones are only logged. The
    // page is audited once its finite CSS transitions and animations have ended: a button that has just become enabled
    // fades from grey to its colour over 250 ms, and a frame of that fade measured as a contrast failure (4.22 : 1).
    public const string Script = """
        async () => {
            await Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null)));
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical' || v.id === 'landmark-one-main')
                .flatMap(v => v.nodes.map(n => {
                    const d = (n.any[0] || {}).data;
                    const colours = d && d.fgColor ? ` [${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}]` : '';
                    return `${v.impact} ${v.id}: ${n.target.join(' ')}${colours}`;
                }));
        }
        """;


    /// <summary>The page's serious and critical violations (and a missing main landmark), each as "impact id: target".</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: run scripts/test once (it installs axe-core into .tools/npm).");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = Path });
        }
        return await page.EvaluateAsync<string[]>(Script);
    }
}
