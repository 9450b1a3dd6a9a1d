using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Runs;
using Xunit;

namespace WorkflowStudio.Tests.Architecture;

/// <summary>
/// The Engine's folders ("rooms") and the one direction their arrows go. A room may use only the rooms listed for it;
/// the list is ordered so that no two rooms can use each other (see docs/rooms.md). A new folder needs a row here.
/// </summary>
public sealed class EngineRoomsTests
{
    private const string EngineNamespace = "WorkflowStudio.Engine";

    /// <summary>Room → the rooms it may use, lowest room first. The root namespace is the composition root.</summary>
    internal static readonly IReadOnlyList<(string Room, string[] Uses)> Rooms =
    [
        ("Persistence", []),
        ("Understanding", []),
        ("Tenancy", ["Persistence"]),
        ("Tools", ["Tenancy", "Persistence"]),
        ("Workflows", ["Tools", "Tenancy", "Persistence"]),
        ("Templates", ["Workflows", "Tools"]),
        ("Runs", ["Workflows", "Tools", "Tenancy", "Persistence"]),
        ("Metering", ["Runs", "Workflows", "Tenancy", "Persistence"]),
        ("Planning", ["Metering", "Runs", "Templates", "Workflows", "Tools", "Tenancy", "Understanding", "Persistence"]),
        ("Execution", ["Planning", "Metering", "Runs", "Templates", "Workflows", "Tools", "Tenancy", "Persistence"]),
        ("Application", ["Execution", "Planning", "Metering", "Runs", "Templates", "Workflows", "Tools", "Tenancy", "Persistence"]),
        ("Scheduling", ["Application", "Execution", "Metering", "Runs", "Workflows", "Tools", "Tenancy", "Persistence"]),
        ("", ["Scheduling", "Application", "Execution", "Planning", "Metering", "Runs", "Templates", "Workflows", "Tools", "Tenancy", "Understanding", "Persistence"]),
    ];

    [Fact]
    public void Rooms_EachUsesOnlyRoomsBelowIt_SoTheTableHasNoCycle()
    {
        var order = Rooms.Select((row, index) => (row.Room, index)).ToDictionary(x => x.Room, x => x.index);
        var upward = Rooms
            .SelectMany(row => row.Uses.Select(used => (row.Room, used)))
            .Where(edge => !order.TryGetValue(edge.used, out var at) || at >= order[edge.Room])
            .Select(edge => $"{Show(edge.Room)} → {Show(edge.used)}")
            .ToArray();

        Assert.True(upward.Length == 0, "Room arrows that point up or to an unknown room: " + string.Join(", ", upward));
    }

    [Fact]
    public void EngineTypes_EachLivesInAKnownRoom()
    {
        var known = Rooms.Select(r => r.Room).ToHashSet();
        var homeless = EngineTypes()
            .Where(t => RoomOf(t) is not { } room || !known.Contains(room))
            .Select(t => $"{t.FullName} (namespace {t.Namespace ?? "none"})")
            .ToArray();

        Assert.True(homeless.Length == 0,
            "Types outside the Engine's rooms; put each in a room's namespace or add the room to Rooms and docs/rooms.md: " +
            string.Join(", ", homeless));
    }

    [Fact]
    public void EngineTypes_UseOnlyTheRoomsTheirRoomMayUse()
    {
        var allowed = Rooms.ToDictionary(r => r.Room, r => r.Uses.Append(r.Room).ToHashSet());
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in EngineTypes())
        {
            if (RoomOf(type) is not { } room || !allowed.TryGetValue(room, out var uses))
            {
                continue;
            }
            foreach (var used in TypeReferences.Of(type))
            {
                if (used.Assembly == type.Assembly && RoomOf(used) is { } usedRoom && !uses.Contains(usedRoom))
                {
                    violations.Add($"{Show(room)} → {Show(usedRoom)}: {Outermost(type).FullName} uses {Outermost(used).FullName}");
                }
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} uses against the room table:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TypeReferences_SeeUsesThatNoUsingDirectiveShows()
    {
        // The checker must see a use that the source spells without a using: RunStatus in a lambda inside a method body.
        Func<string, bool> isTerminal = RunStatus.IsTerminal;
        var uses = TypeReferences.Of(typeof(EngineRoomsTests)).Concat(
            typeof(EngineRoomsTests).GetNestedTypes(System.Reflection.BindingFlags.NonPublic).SelectMany(TypeReferences.Of));

        Assert.Contains(typeof(RunStatus), uses);
        Assert.True(isTerminal(RunStatus.Success));
    }

    private static IEnumerable<Type> EngineTypes() =>
        typeof(RunStatus).Assembly.GetTypes().Where(t => !IsGenerated(Outermost(t)));

    private static bool IsGenerated(Type type) =>
        type.Name.StartsWith('<') ||
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) ||
        type.Namespace == typeof(Regex).Namespace + ".Generated";

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    /// <summary>The room of a type: the first namespace segment below the Engine's ("" for the root), or null outside it.</summary>
    private static string? RoomOf(Type type)
    {
        var ns = Outermost(type).Namespace ?? "";
        if (ns == EngineNamespace)
        {
            return "";
        }
        return ns.StartsWith(EngineNamespace + ".", StringComparison.Ordinal)
            ? ns[(EngineNamespace.Length + 1)..].Split('.')[0]
            : null;
    }

    private static string Show(string room) => room.Length == 0 ? "(root)" : room;
}
