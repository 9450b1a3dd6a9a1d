using WorkflowStudio.Engine.Planning.Ranking;

namespace WorkflowStudio.Tests.Planning.Ranking;

public sealed class RequestAsksTests
{
    [Theory]
    [InlineData("Order pizza for the sales team on Friday", "pizza,sales,team", "Order,Friday")]
    [InlineData("Create a ClickUp task to renew the SSL certificate", "task", "Create,ClickUp,renew,SSL,certificate")]
    [InlineData("Post a message to the Telegram chat @ops", "message,chat", "Post,Telegram")]
    [InlineData("How did we do last quarter? Put together a PDF for the leadership", "quarter,leadership", "PDF")]
    public void Of_Request_SplitsHardAsksFromSoftOnes(string request, string hard, string soft)
    {
        var asks = RequestAsks.Of(request);

        Assert.Equal(hard.Split(','), asks.Where(a => !a.Soft).Select(a => a.Word));
        Assert.Equal(soft.Split(','), asks.Where(a => a.Soft).Select(a => a.Word));
    }
}
