using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

public sealed class EditHistoryTests
{
    [Fact]
    public void UndoRedo_AfterTwoRecords_WalksBackAndForth()
    {
        var history = new EditHistory<string>("a");
        history.Record("b");
        history.Record("c");

        Assert.True(history.Undo());
        Assert.Equal("b", history.Current);
        Assert.True(history.Undo());
        Assert.Equal("a", history.Current);
        Assert.False(history.Undo());
        Assert.True(history.Redo());
        Assert.Equal("b", history.Current);
    }

    [Fact]
    public void Record_AfterUndo_DropsTheRedoBranch()
    {
        var history = new EditHistory<string>("a");
        history.Record("b");
        history.Undo();

        history.Record("c");

        Assert.False(history.CanRedo);
        Assert.Equal("c", history.Current);
    }

    [Fact]
    public void Record_BeyondCapacity_ForgetsTheOldestStates()
    {
        var history = new EditHistory<string>("0", capacity: 2);
        history.Record("1");
        history.Record("2");
        history.Record("3");

        Assert.True(history.Undo());
        Assert.True(history.Undo());
        Assert.False(history.Undo());
        Assert.Equal("1", history.Current);
    }

    [Fact]
    public void Replace_ChangesCurrentWithoutAnUndoStep()
    {
        var history = new EditHistory<string>("a");

        history.Replace("a moved");

        Assert.False(history.CanUndo);
        Assert.Equal("a moved", history.Current);
    }
}
